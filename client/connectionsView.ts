import * as vscode from 'vscode';
import type { CloudConnectionSettings } from '../server/protocol/cloudMessages';
import type { ImportGap } from '../server/protocol/snapshot';
import type { ConnectionStore, LastImport } from './cloud/connectionStore';

/** A node of the "Cloud Connections" tree: a connection, one of its gaps, or its last failure. */
export type ConnectionNode =
  | { kind: 'connection'; connection: CloudConnectionSettings; last?: LastImport; good?: LastImport }
  | { kind: 'gap'; connection: CloudConnectionSettings; gap: ImportGap }
  | { kind: 'failure'; connection: CloudConnectionSettings; message: string };

/** A node as plain data: what the tree shows, returned by `cartograph.refreshConnections`. */
export interface ConnectionNodeView {
  id: string;
  label: string;
  description?: string;
  tooltip?: string;
  contextValue?: string;
  children?: ConnectionNodeView[];
}

/**
 * The "Cloud Connections" tree: each connection with its last import (when, how many resources)
 * and, as children, what that import could not see (its gaps, each naming the permission that
 * fills it) and the last failure, if the last attempt failed. Until a connection exists the view
 * shows its welcome content (package.json `viewsWelcome`).
 */
export class ConnectionsView implements vscode.TreeDataProvider<ConnectionNode> {
  private readonly changed = new vscode.EventEmitter<ConnectionNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: { dispose(): void } | undefined;

  constructor(private readonly store?: ConnectionStore) {
    this.subscription = store?.onDidChange(() => this.refresh());
  }

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(node: ConnectionNode): vscode.TreeItem {
    const view = describeNode(node);
    const hasChildren = node.kind === 'connection' && this.getChildren(node).length > 0;
    const item = new vscode.TreeItem(view.label, hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = view.id;
    item.description = view.description;
    item.tooltip = view.tooltip;
    item.contextValue = view.contextValue;
    if (node.kind === 'connection') {
      item.iconPath = new vscode.ThemeIcon(node.last?.status === 'failed' ? 'cloud-upload' : 'cloud', node.last?.status === 'failed' ? new vscode.ThemeColor('problemsWarningIcon.foreground') : undefined);
      item.accessibilityInformation = { label: `${view.label}, ${view.description ?? ''}` };
    } else if (node.kind === 'gap') {
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
      item.command = { command: 'cartograph.showCloudPolicies', title: 'Copy Policy', arguments: [node] };
    } else {
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
    }
    return item;
  }

  getChildren(node?: ConnectionNode): ConnectionNode[] {
    if (!this.store) return [];
    if (!node) {
      const last = this.store.lastImports();
      const good = this.store.lastGoodImports();
      return this.store.all().map((connection) => ({ kind: 'connection', connection, last: last[connection.id], good: good[connection.id] }));
    }
    if (node.kind !== 'connection') return [];
    const children: ConnectionNode[] = [];
    if (node.last && node.last.status !== 'completed') children.push({ kind: 'failure', connection: node.connection, message: node.last.message });
    for (const gap of node.good?.digest?.gaps ?? []) children.push({ kind: 'gap', connection: node.connection, gap });
    return children;
  }

  /** The whole tree as plain data. */
  snapshot(): ConnectionNodeView[] {
    return this.getChildren().map((node) => ({ ...describeNode(node), children: this.getChildren(node).map(describeNode) }));
  }

  dispose(): void {
    this.subscription?.dispose();
    this.changed.dispose();
  }
}

function describeNode(node: ConnectionNode): ConnectionNodeView {
  const c = node.connection;
  if (node.kind === 'gap') {
    const g = node.gap;
    const where = [g.account, g.region].filter(Boolean).join(' ');
    const label = g.reason === 'denied' ? `Grant ${g.permission}` : `${g.operation}: ${g.reason}`;
    return { id: `${c.id}/gap/${where}/${g.operation}/${g.reason}`, label, description: `${g.operation}${where ? ` in ${where}` : ''}`, tooltip: g.message, contextValue: 'cartograph.gap' };
  }
  if (node.kind === 'failure') {
    return { id: `${c.id}/failure`, label: 'Last import failed', description: node.message, tooltip: node.message, contextValue: 'cartograph.importFailure' };
  }
  const scope = c.provider === 'aws' ? c.regions.join(', ') : `${c.subscriptions.length} subscription${c.subscriptions.length === 1 ? '' : 's'}`;
  const good = node.good?.digest;
  const parts: string[] = [];
  if (node.last?.status === 'failed') parts.push('last import failed');
  if (node.last?.status === 'cancelled') parts.push('last import cancelled');
  if (good) parts.push(`${good.resourceCount} resources, ${good.gaps.length} gap${good.gaps.length === 1 ? '' : 's'}, imported ${relativeTime(good.importedAt)}`);
  else if (!node.last) parts.push('never imported');
  const authLabel: Record<string, string> = { assumeRole: 'assumed role', staticKeys: 'access keys', profile: 'profile', default: 'default credentials', servicePrincipal: 'service principal', cli: 'Azure CLI' };
  const tooltip = [
    `${c.label} (${c.provider === 'aws' ? 'AWS' : 'Azure'}, ${authLabel[c.auth] ?? c.auth})`,
    c.provider === 'aws' && c.roleArn ? `Role: ${c.roleArn}` : undefined,
    `${c.provider === 'aws' ? 'Regions' : 'Subscriptions'}: ${c.provider === 'aws' ? c.regions.join(', ') : c.subscriptions.join(', ')}`,
    c.endpoint ? `Endpoint: ${c.endpoint}` : undefined,
    good ? `Last good import: ${good.importedAt}, ${good.counts.map((x) => `${x.count} ${x.type}`).join(', ') || 'no resources'}` : undefined,
    node.last && node.last.status !== 'completed' ? node.last.message : undefined,
  ].filter(Boolean).join('\n');
  return { id: c.id, label: c.label, description: `${c.provider === 'aws' ? 'AWS' : 'Azure'} · ${scope} · ${parts.join(' · ')}`, tooltip, contextValue: `cartograph.connection.${c.provider}` };
}

/** "5 minutes ago", "yesterday": the snapshot's age in words. */
export function relativeTime(iso: string, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (!Number.isFinite(seconds)) return iso;
  if (seconds < 60) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  const days = Math.round(hours / 24);
  return days === 1 ? 'yesterday' : `${days} days ago`;
}
