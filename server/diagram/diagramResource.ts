import type { CloudResource } from '../protocol/snapshot';
import type { SourceLocation } from './diagramModel';

/**
 * A resource as the diagram builders read it: the snapshot's neutral shape, whether it came from a
 * snapshot or from Terraform (whose resources are mapped to the same shape, with their declaration).
 * Ids of Terraform resources are their addresses (`aws_subnet.private`, `module.net.aws_vpc.main`).
 */
export interface DiagramResource extends CloudResource {
  /** The Terraform declaration, for resources that come from code. */
  source?: SourceLocation;
  /** The Terraform address, for resources that come from code. */
  address?: string;
  drift?: 'codeOnly' | 'liveOnly' | 'changed';
  changes?: string[];
}
