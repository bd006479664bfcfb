import * as vscode from 'vscode';

/** AWS's commercial regions, for the region picker (any other can still be typed as an option). */
export const awsRegions = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'sa-east-1',
  'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2',
  'ap-south-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-east-1',
  'me-south-1', 'me-central-1', 'af-south-1', 'il-central-1',
];

/** Asks for AWS regions, with `preselected` ticked and listed first. */
export async function pickRegions(preselected: string[], title = 'AWS regions to import'): Promise<string[] | undefined> {
  const all = [...new Set([...preselected, ...awsRegions])];
  const picked = await vscode.window.showQuickPick(
    all.map((r) => ({ label: r, picked: preselected.includes(r) })),
    { title, canPickMany: true, placeHolder: 'Tick every region to read', ignoreFocusOut: true },
  );
  return picked?.map((p) => p.label);
}
