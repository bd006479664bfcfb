/**
 * The diagram model: what the server builds from the Terraform model, a cloud snapshot or both,
 * lays out, and sends to the webview (and what the CLI renders to SVG). Types only, shared by the
 * server, the client and the webview. Every string in it may come from a cloud or a file and is
 * untrusted text.
 */
import type { ResourceType } from '../protocol/snapshot';

/** The two diagrams: the network estate, and the security groups with the traffic they allow. */
export type DiagramView = 'infra' | 'security';

/**
 * How an element compares between the Terraform code and the live snapshot, when both are given:
 * declared but not found live, found live but not declared, or found in both with differences.
 */
export type DriftMark = 'codeOnly' | 'liveOnly' | 'changed';

/** A finding shown on a node or an edge: a world-open port, a public database. */
export interface DiagramFinding {
  /** The compliance rule id it corresponds to, e.g. `CG-AWS-SG-001`. */
  code: string;
  severity: 'error' | 'warning' | 'information';
  message: string;
}

/** Where a Terraform-declared element is written: the block's label, zero-based. */
export interface SourceLocation {
  uri: string;
  line: number;
  character: number;
}

/** The kinds of container in the infrastructure view, outermost first. */
export type GroupKind = 'account' | 'region' | 'network' | 'zone' | 'subnet';

/** The kinds of node: a neutral resource type, or one of the security view's traffic sources. */
export type NodeKind = ResourceType | 'internet' | 'cidr' | 'prefixList' | 'serviceTag' | 'externalGroup' | 'transitGateway';

/** What groups and nodes share. */
export interface DiagramElement {
  /** Unique in the diagram: a cloud id, a Terraform address, or a synthetic id (`account:…`). */
  id: string;
  label: string;
  /** The enclosing group's id; absent at the top level. */
  parent?: string;
  /** Attributes to show when the element is selected, as display text. */
  attributes: Record<string, string>;
  tags: Record<string, string>;
  drift?: DriftMark;
  /** With `drift: 'changed'`: what differs, e.g. `cidrBlock: 10.0.1.0/24 in code, 10.0.2.0/24 live`. */
  changes?: string[];
  /** The Terraform declaration, when the element comes from code. */
  source?: SourceLocation;
  /** The Terraform address (`aws_vpc.main`), when the element comes from code. */
  address?: string;
  findings: DiagramFinding[];
}

/** A container: an account, a region, a network, an availability zone or a subnet. */
export interface DiagramGroup extends DiagramElement {
  kind: GroupKind;
  /** Folded: its members are hidden and its edges end at the group itself. */
  collapsed: boolean;
  /** Nodes and groups inside it, at any depth (counted even when collapsed). */
  memberCount: number;
}

/** A resource, or a traffic source in the security view. */
export interface DiagramNode extends DiagramElement {
  kind: NodeKind;
}

/** What an edge stands for. */
export type EdgeKind = 'internet' | 'nat' | 'peering' | 'endpoint' | 'transit' | 'route' | 'target' | 'traffic';

/** A directed edge between two nodes or groups. */
export interface DiagramEdge {
  id: string;
  from: string;
  to: string;
  kind: EdgeKind;
  /** Protocol and ports in the security view; the port of a load-balancer target. */
  label?: string;
  /** Highlighted: world-open admin or database ports, every port open. */
  risky: boolean;
  findings: DiagramFinding[];
  /** How many underlying edges this one stands for, when dense edges were aggregated (absent: 1). */
  count?: number;
  drift?: DriftMark;
}

/** Where the diagram's content came from. */
export interface DiagramSources {
  terraform: boolean;
  /** The snapshot's file name and import time, when one was used. */
  snapshot?: { label: string; importedAt: string };
}

/** The graph, before layout. */
export interface DiagramGraph {
  view: DiagramView;
  groups: DiagramGroup[];
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  sources: DiagramSources;
}

/** A box in diagram coordinates (top-left origin). */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A point in diagram coordinates. */
export interface Point {
  x: number;
  y: number;
}

/**
 * A laid-out diagram: the graph with a box for every visible group and node and a polyline for
 * every visible edge. Members of collapsed groups have no box.
 */
export interface DiagramLayout {
  graph: DiagramGraph;
  width: number;
  height: number;
  boxes: Record<string, Box>;
  edgePaths: Record<string, Point[]>;
}
