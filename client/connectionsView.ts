import * as vscode from 'vscode';

/** One saved cloud connection as the "Cloud Connections" view shows it. */
export interface ConnectionItem {
  id: string;
  label: string;
  description?: string;
}

/**
 * The "Cloud Connections" tree. Connections are added by the import commands; until one exists the
 * view shows its welcome content (package.json `viewsWelcome`).
 */
export class ConnectionsView implements vscode.TreeDataProvider<ConnectionItem> {
  private readonly changed = new vscode.EventEmitter<ConnectionItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private items: ConnectionItem[] = [];

  set(items: ConnectionItem[]): void {
    this.items = items;
    this.changed.fire(undefined);
  }

  getTreeItem(item: ConnectionItem): vscode.TreeItem {
    const node = new vscode.TreeItem(item.label, vscode.TreeItemCollapsibleState.None);
    node.id = item.id;
    node.description = item.description;
    node.iconPath = new vscode.ThemeIcon('cloud');
    return node;
  }

  getChildren(): ConnectionItem[] {
    return this.items;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
