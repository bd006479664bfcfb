import type { FromWebviewMessage } from '../server/protocol/webviewMessages';

/** The one function VS Code gives a webview to talk to its extension. */
interface VsCodeApi {
  postMessage(message: FromWebviewMessage): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

const api = acquireVsCodeApi();

/** Sends a typed message to the extension. */
export function post(message: FromWebviewMessage): void {
  api.postMessage(message);
}
