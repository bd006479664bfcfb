/**
 * Linking benchmark: a generated workspace of 2,000 files (20 root modules of 100 files, 10,000
 * declared resources) linked to a generated snapshot of 10,000 live resources, with the drift check,
 * next to the floor measured in the same run: the cold index of the same workspace (every file
 * parsed and modelled with `modelText` into a WorkspaceIndex, with each module's declaration
 * table built, as the server builds them for diagnostics). Half the root modules link through
 * a state file, half by Name tags and unique attributes.
 *
 *   node --require tsx/cjs bench/link.bench.ts [--files 2000]
 *
 * Prints both times and their ratio; goal: linking and drift ≤ 20 % of the cold index. Exits with 1
 * past the goal.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { driftOf } from '../server/link/drift';
import { linkWorkspace } from '../server/link/linker';
import type { StateInstance, TerraformState } from '../server/link/tfstate';
import type { CloudResource, CloudSnapshot } from '../server/protocol/snapshot';
import { HclParser } from '../server/terraform/hclParser';
import { WorkspaceIndex } from '../server/terraform/workspaceIndex';
import { modelText } from '../server/workspace/parseFile';

const { values } = parseArgs({ options: { files: { type: 'string', default: '2000' } } });
const fileCount = Number(values.files);
const perModule = 100;
const modules = Math.max(1, Math.ceil(fileCount / perModule));

const files: { uri: string; text: string }[] = [];
const live: CloudResource[] = [];
const states: TerraformState[] = [];
const base = { provider: 'aws' as const, account: '123456789012', region: 'eu-west-1', relations: [] };
for (let m = 0; m < modules; m++) {
  const folder = `file:///bench/root${m}`;
  files.push({ uri: `${folder}/main.tf`, text: `provider "aws" {\n  region = "eu-west-1"\n}\n\nvariable "prefix" {\n  default = "team${m}"\n}\n\nvariable "type" {\n  default = "t3.small"\n}\n\nresource "aws_vpc" "main" {\n  cidr_block = "10.${m}.0.0/16"\n  tags = {\n    Name = "\${var.prefix}-vpc"\n  }\n}\n` });
  const vpc = `vpc-${m}`;
  live.push({ ...base, id: vpc, type: 'network', nativeType: 'AWS::EC2::VPC', name: `team${m}-vpc`, tags: { Name: `team${m}-vpc` }, attributes: { cidrBlocks: [`10.${m}.0.0/16`] } });
  const viaState = m % 2 === 0;
  const stateInstances: StateInstance[] = [];
  if (viaState) states.push({ file: `root${m}/terraform.tfstate`, rootModuleUri: folder, instances: stateInstances });
  if (viaState) stateInstances.push({ address: 'aws_vpc.main', module: '', type: 'aws_vpc', name: 'main', id: vpc });
  for (let i = 0; i < perModule && m * perModule + i < fileCount; i++) {
    const name = `team${m}-${i}`;
    files.push({
      uri: `${folder}/f${i}.tf`,
      text: `resource "aws_subnet" "s${i}" {\n  vpc_id     = aws_vpc.main.id\n  cidr_block = cidrsubnet(aws_vpc.main.cidr_block, 8, ${i})\n  tags = {\n    Name = "\${var.prefix}-${i}"\n  }\n}\n\nresource "aws_security_group" "g${i}" {\n  name   = "\${var.prefix}-${i}"\n  vpc_id = aws_vpc.main.id\n\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n\n  egress {\n    from_port   = 0\n    to_port     = 0\n    protocol    = "-1"\n    cidr_blocks = ["0.0.0.0/0"]\n  }\n}\n\nresource "aws_security_group_rule" "r${i}" {\n  type              = "ingress"\n  security_group_id = aws_security_group.g${i}.id\n  from_port         = 22\n  to_port           = 22\n  protocol          = "tcp"\n  cidr_blocks       = ["10.0.0.0/8"]\n}\n\nresource "aws_instance" "i${i}" {\n  ami                    = "ami-0123456789abcdef0"\n  instance_type          = var.type\n  subnet_id              = aws_subnet.s${i}.id\n  vpc_security_group_ids = [aws_security_group.g${i}.id]\n  tags = {\n    Name = "\${var.prefix}-${i}"\n  }\n}\n\nresource "aws_eip" "e${i}" {\n  domain = "vpc"\n  tags = {\n    Name = "\${var.prefix}-${i}"\n  }\n}\n`,
    });
    const ids = { subnet: `subnet-${m}-${i}`, sg: `sg-${m}-${i}`, instance: `i-${m}-${i}`, eip: `eipalloc-${m}-${i}`, eni: `eni-${m}-${i}` };
    live.push(
      { ...base, id: ids.subnet, type: 'subnet', nativeType: 'AWS::EC2::Subnet', name, parent: vpc, tags: { Name: name }, attributes: { cidrBlock: `10.${m}.${i}.0/24` } },
      {
        ...base, id: ids.sg, type: 'securityGroup', nativeType: 'AWS::EC2::SecurityGroup', name, parent: vpc, tags: {},
        attributes: {
          groupName: name,
          rules: [
            { direction: 'inbound', action: 'allow', protocol: 'tcp', ports: [{ from: 443, to: 443 }], peers: [{ kind: 'cidr', cidr: '0.0.0.0/0' }] },
            { direction: 'inbound', action: 'allow', protocol: 'tcp', ports: [{ from: 22, to: 22 }], peers: [{ kind: 'cidr', cidr: '10.0.0.0/8' }] },
            { direction: 'outbound', action: 'allow', protocol: 'all', ports: null, peers: [{ kind: 'cidr', cidr: '0.0.0.0/0' }] },
          ],
        },
      },
      { ...base, id: ids.instance, type: 'instance', nativeType: 'AWS::EC2::Instance', name, parent: ids.subnet, tags: { Name: name }, attributes: { instanceType: i % 50 === 0 ? 't3.large' : 't3.small', state: 'running' } },
      { ...base, id: ids.eip, type: 'publicIp', nativeType: 'AWS::EC2::EIP', name, tags: { Name: name }, attributes: { domain: 'vpc' }, relations: [{ kind: 'attachedTo', to: ids.eni }] },
      { ...base, id: ids.eni, type: 'networkInterface', nativeType: 'AWS::EC2::NetworkInterface', name: ids.eni, parent: ids.subnet, tags: {}, attributes: { interfaceType: 'interface' }, relations: [{ kind: 'attachedTo', to: ids.instance }] },
    );
    if (viaState) {
      stateInstances.push(
        { address: `aws_subnet.s${i}`, module: '', type: 'aws_subnet', name: `s${i}`, id: ids.subnet },
        { address: `aws_security_group.g${i}`, module: '', type: 'aws_security_group', name: `g${i}`, id: ids.sg },
        { address: `aws_instance.i${i}`, module: '', type: 'aws_instance', name: `i${i}`, id: ids.instance },
        { address: `aws_eip.e${i}`, module: '', type: 'aws_eip', name: `e${i}`, id: ids.eip },
      );
    }
  }
}
const snapshot: CloudSnapshot = {
  format: 'cartograph.snapshot', version: 1, provider: 'aws', importedAt: '2025-06-01T00:00:00.000Z', identities: [{ provider: 'aws', account: '123456789012' }],
  regions: ['eu-west-1'], resources: live, gaps: [], stats: { calls: 1, succeededCalls: 1, durationMs: 1, redactedValues: 0 },
};

void (async () => {
  const parsers = { terraform: await HclParser.create('terraform'), hcl: await HclParser.create('hcl') };
  // Warm both paths up on one root module, so that neither figure includes compiling the code.
  const warm = new WorkspaceIndex();
  for (const f of files.filter((x) => x.uri.startsWith('file:///bench/root1/'))) warm.setFile(modelText(parsers, f.text, f.uri.replace('/bench/', '/warm/')));
  driftOf(warm, linkWorkspace(warm, snapshot, []));
  // Five runs, each a fresh index, then fresh links and drift (caches live on the links); medians.
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const indexTimes: number[] = [];
  const linkTimes: number[] = [];
  const totalTimes: number[] = [];
  let index = new WorkspaceIndex();
  let links = linkWorkspace(index, snapshot, states);
  let report = driftOf(index, links);
  for (let run = 0; run < 5; run++) {
    let t = performance.now();
    index = new WorkspaceIndex();
    for (const f of files) index.setFile(modelText(parsers, f.text, f.uri));
    // The index includes each module's declaration table, as the server builds it for diagnostics.
    for (const uri of index.moduleUris()) index.module(uri);
    index.callersOf('');
    indexTimes.push(performance.now() - t);
    t = performance.now();
    links = linkWorkspace(index, snapshot, states);
    linkTimes.push(performance.now() - t);
    report = driftOf(index, links);
    totalTimes.push(performance.now() - t);
  }
  const indexMs = median(indexTimes);
  const linkOnlyMs = median(linkTimes);
  const linkMs = median(totalTimes);
  const declared = links.declared.filter((d) => d.kind === 'resource').length;
  const methods = new Map<string, number>();
  for (const l of links.links) methods.set(l.method, (methods.get(l.method) ?? 0) + 1);
  console.log(`workspace: ${files.length} files, ${declared} declared resources; snapshot: ${live.length} live resources`);
  console.log(`links: ${links.links.length} (${[...methods].map(([k, v]) => `${v} by ${k}`).join(', ')}), ambiguous ${links.ambiguous.length}, drift items ${report.items.length}`);
  console.log(`cold index (parse + model + index): ${indexMs.toFixed(0)} ms (median of 5)`);
  console.log(`link + drift:                       ${linkMs.toFixed(0)} ms (linking ${linkOnlyMs.toFixed(0)} ms, drift ${(linkMs - linkOnlyMs).toFixed(0)} ms)`);
  // The ratio of each run (index and links measured back to back), then their median: the machine's
  // load moves both figures of a run together.
  const ratios = indexTimes.map((t, i) => totalTimes[i] / t);
  const ratio = median(ratios);
  console.log(`ratio: ${(ratio * 100).toFixed(1)} % of the cold index, median of the runs' ratios (${ratios.map((r) => (r * 100).toFixed(1)).join(', ')} %; goal ≤ 20 %)`);
  parsers.terraform.delete();
  parsers.hcl.delete();
  process.exitCode = ratio <= 0.2 ? 0 : 1;
})();
