/**
 * Parse benchmark: cold tree-sitter parse throughput against a regex tokenizer over the same bytes,
 * and incremental re-parse after a one-character edit against a fresh parse of the same file.
 *
 *   node --require tsx/cjs bench/parse.bench.ts [--mb N]
 *
 * Every figure is printed with the floor it is compared with, measured in the same run, so that the
 * ratio means something on any machine. Exits with 1 when an incremental tree differs from a fresh
 * parse of the same text, or when the generated corpus does not parse cleanly.
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Tree } from 'web-tree-sitter';
import { HclParser, type TextEdit } from '../server/terraform/hclParser';

const MB = 1024 * 1024;
/** Corpus files are cut at about this size, which is a large but ordinary Terraform file. */
const fileBytes = 32 * 1024;
const incrementalLines = 2000;
const incrementalEdits = 200;
const warmupEdits = 20;

/**
 * Blocks in the shape of the demo workspace (examples/terraform), renamed by `n` so that each copy
 * declares new names. Together they cover what the parser meets in practice: nested blocks, heredocs
 * with interpolations, `for` expressions, `dynamic` blocks, `jsonencode` objects and comments.
 */
const blockTemplates: ((n: number) => string)[] = [
  (n) => `variable "service_${n}_instance_type" {
  description = "Instance type of service ${n}."
  type        = string
  default     = "t3.medium"

  validation {
    condition     = can(regex("^[a-z][0-9a-z]*\\\\.[a-z0-9]+$", var.service_${n}_instance_type))
    error_message = "The instance type must look like t3.medium."
  }
}
`,
  (n) => `locals {
  service_${n}_name = "\${var.project}-\${var.environment}-service-${n}"
  service_${n}_tags = merge(local.common_tags, {
    Service = "service-${n}"
    Tier    = "private"
  })

  # Private subnets start at .10, which leaves room for a third availability zone.
  service_${n}_subnet_cidrs = [for index, az in var.main_azs : cidrsubnet(var.main_vpc_cidr, 8, index + ${10 + (n % 200)})]
  service_${n}_ports        = { for name, port in var.service_ports : name => port if port != 22 }

  service_${n}_user_data = <<-EOT
    #!/bin/bash
    set -euo pipefail
    dnf install -y docker
    systemctl enable --now docker
    mkdir -p /etc/service-${n}
    cat > /etc/service-${n}/env <<ENV
    DB_HOST=\${aws_db_instance.main.address}
    EXPORT_BUCKET=\${module.exports_${n}.bucket_id}
    AWS_REGION=\${var.primary_region}
    ENV
    docker run --detach --restart always --env-file /etc/service-${n}/env \\
      --publish 8080:8080 \${local.ecr_registry}/northwind/service-${n}:\${var.app_version}
  EOT
}
`,
  (n) => `resource "aws_subnet" "service_${n}" {
  count = length(var.main_azs)

  vpc_id            = aws_vpc.main.id
  availability_zone = var.main_azs[count.index]
  cidr_block        = local.service_${n}_subnet_cidrs[count.index]

  tags = {
    Name = "\${local.service_${n}_name}-\${var.main_azs[count.index]}"
    Tier = "private"
  }
}
`,
  (n) => `resource "aws_security_group" "service_${n}" {
  name        = local.service_${n}_name
  description = "Service ${n} behind the load balancer"
  vpc_id      = aws_vpc.main.id

  dynamic "ingress" {
    for_each = local.service_${n}_ports

    content {
      description     = "\${ingress.key} from the load balancer"
      from_port       = ingress.value
      to_port         = ingress.value
      protocol        = "tcp"
      security_groups = [aws_security_group.alb.id]
    }
  }

  egress {
    description = "HTTPS to AWS APIs"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  tags = local.service_${n}_tags
}
`,
  (n) => `resource "aws_instance" "service_${n}" {
  count = var.service_instance_count

  ami                    = data.aws_ami.al2023.id
  instance_type          = var.service_${n}_instance_type
  subnet_id              = aws_subnet.service_${n}[count.index % length(aws_subnet.service_${n})].id
  vpc_security_group_ids = [aws_security_group.service_${n}.id]
  iam_instance_profile   = aws_iam_instance_profile.service_${n}.name
  user_data              = local.service_${n}_user_data

  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "required"
  }

  root_block_device {
    volume_type = "gp3"
    volume_size = ${20 + (n % 5) * 10}
    encrypted   = true
    kms_key_id  = aws_kms_key.data.arn
  }

  tags = merge(local.service_${n}_tags, { Name = "\${local.service_${n}_name}-\${count.index + 1}" })
}
`,
  (n) => `resource "aws_iam_role_policy" "service_${n}" {
  name = "service-${n}-runtime"
  role = aws_iam_role.service_${n}.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "Exports"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject"]
        Resource = "\${module.exports_${n}.bucket_arn}/*"
      },
      {
        Sid      = "DataKey"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource = aws_kms_key.data.arn
      },
    ]
  })
}
`,
  (n) => `module "exports_${n}" {
  source = "./modules/tagged_bucket"

  name                = "\${local.service_${n}_name}-exports-\${local.account_id}"
  kms_key_arn         = aws_kms_key.data.arn
  data_classification = "confidential"
  expiration_days     = ${(n % 12) * 30 + 30}
  tags                = local.service_${n}_tags
}

output "service_${n}_instance_ids" {
  description = "IDs of the servers of service ${n}."
  value       = aws_instance.service_${n}[*].id
}
`,
];

/** Deterministic pseudo-random numbers (mulberry32), so that two runs time the same edits. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Generates Terraform files of about `fileBytes` each until they hold `totalBytes` in all. */
function generateCorpus(totalBytes: number): string[] {
  const files: string[] = [];
  let total = 0;
  let n = 0;
  while (total < totalBytes) {
    const parts: string[] = [];
    let size = 0;
    while (size < fileBytes && total + size < totalBytes) {
      const block = blockTemplates[n % blockTemplates.length](Math.floor(n / blockTemplates.length));
      parts.push(block);
      size += Buffer.byteLength(block) + 1;
      n++;
    }
    const file = parts.join('\n');
    files.push(file);
    total += Buffer.byteLength(file);
  }
  return files;
}

/** One file of at least `lines` lines, from the same blocks. */
function generateFile(lines: number): string {
  const parts: string[] = [];
  let count = 0;
  for (let n = 0; count < lines; n++) {
    const block = blockTemplates[n % blockTemplates.length](Math.floor(n / blockTemplates.length));
    parts.push(block);
    count += block.split('\n').length;
  }
  return parts.join('\n');
}

/** The physical floor: one pass of a regex that splits HCL into strings, comments, words and symbols. */
const token = /"(?:[^"\\\n]|\\.)*"|#[^\n]*|[A-Za-z_][\w-]*|\d+|\S/g;

function tokenize(text: string): number {
  token.lastIndex = 0;
  let count = 0;
  while (token.exec(text) !== null) count++;
  return count;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Whether two trees agree: the same shape (the S-expression, which has no positions), the same
 * extent, and the same node with the same range at the edited offset.
 */
function sameTree(incremental: Tree, fresh: Tree, at: number): boolean {
  if (incremental.rootNode.toString() !== fresh.rootNode.toString()) return false;
  if (incremental.rootNode.endIndex !== fresh.rootNode.endIndex) return false;
  const a = incremental.rootNode.descendantForIndex(at, at + 1);
  const b = fresh.rootNode.descendantForIndex(at, at + 1);
  return a?.type === b?.type && a?.startIndex === b?.startIndex && a?.endIndex === b?.endIndex;
}

function parseAll(parser: HclParser, files: readonly string[]): { ms: number; broken: number } {
  let broken = 0;
  const start = performance.now();
  for (const file of files) {
    const tree = parser.parse(file);
    if (tree.rootNode.hasError) broken++;
    tree.delete();
  }
  return { ms: performance.now() - start, broken };
}

function tokenizeAll(files: readonly string[]): { ms: number; tokens: number } {
  let tokens = 0;
  const start = performance.now();
  for (const file of files) tokens += tokenize(file);
  return { ms: performance.now() - start, tokens };
}

function coldParse(parser: HclParser, mb: number): boolean {
  const generatedAt = performance.now();
  const files = generateCorpus(mb * MB);
  const bytes = files.reduce((sum, f) => sum + Buffer.byteLength(f), 0);
  const lines = files.reduce((sum, f) => sum + f.split('\n').length, 0);
  console.log(
    `corpus: ${(bytes / MB).toFixed(2)} MB in ${files.length} files, ${lines.toLocaleString('en')} lines ` +
      `(generated in ${(performance.now() - generatedAt).toFixed(0)} ms)`,
  );

  // Warm up the WebAssembly code and the regex engine on a slice of the corpus before timing.
  const warmup = files.slice(0, Math.max(1, Math.ceil(files.length / 10)));
  parseAll(parser, warmup);
  tokenizeAll(files);

  const parsed = parseAll(parser, files);
  if (parsed.broken > 0) {
    console.error(`error: ${parsed.broken} of ${files.length} generated files have syntax errors; fix the block templates`);
    return false;
  }
  // The tokenizer is fast enough to time several passes and take the median.
  const tokenized = median([1, 2, 3, 4, 5].map(() => tokenizeAll(files).ms));
  const parseRate = bytes / MB / (parsed.ms / 1000);
  const floorRate = bytes / MB / (tokenized / 1000);
  console.log(
    `cold parse: ${parseRate.toFixed(2)} MB/s ` +
      `(floor regex tokenizer ${floorRate.toFixed(1)} MB/s, ratio ${(parseRate / floorRate).toFixed(3)})`,
  );
  return true;
}

function incrementalReparse(parser: HclParser): boolean {
  const text = generateFile(incrementalLines);
  const lineCount = text.split('\n').length;
  const next = random(0x5eed);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const base: Tree = parser.parse(text);
  const reparseMs: number[] = [];
  const freshMs: number[] = [];
  let mismatches = 0;

  // Each edit starts from the clean file. Chaining them would pile up syntax errors, and trees with
  // errors are mostly re-parsed rather than reused, which is not what one keystroke costs.
  for (let i = 0; i < warmupEdits + incrementalEdits; i++) {
    const at = Math.floor(next() * (text.length + 1));
    const edit: TextEdit = { start: at, end: at, newText: letters[Math.floor(next() * letters.length)] };

    const old = base.copy();
    const startReparse = performance.now();
    const result = parser.reparse(old, text, [edit]);
    const reparseTime = performance.now() - startReparse;
    old.delete();

    const startFresh = performance.now();
    const fresh = parser.parse(result.text);
    const freshTime = performance.now() - startFresh;

    if (!sameTree(result.tree, fresh, at)) {
      mismatches++;
      if (mismatches === 1) {
        console.error(`error: after inserting ${JSON.stringify(edit.newText)} at offset ${at}, the incremental tree differs from a fresh parse`);
      }
    }
    result.tree.delete();
    fresh.delete();

    if (i >= warmupEdits) {
      reparseMs.push(reparseTime);
      freshMs.push(freshTime);
    }
  }
  base.delete();

  const reparse = median(reparseMs);
  const fresh = median(freshMs);
  console.log(
    `incremental re-parse: ${reparse.toFixed(2)} ms median over ${incrementalEdits} one-character edits of a ` +
      `${lineCount.toLocaleString('en')}-line file ` +
      `(floor fresh parse ${fresh.toFixed(2)} ms, ratio ${(reparse / fresh).toFixed(3)})`,
  );
  const checked = warmupEdits + incrementalEdits;
  console.log(`incremental trees equal to fresh parses: ${checked - mismatches}/${checked}`);
  return mismatches === 0;
}

function readOptions(): { mb: number } {
  const { values } = parseArgs({ options: { mb: { type: 'string', default: '8' } } });
  const mb = Number(values.mb);
  if (!Number.isFinite(mb) || mb <= 0) throw new Error(`--mb must be a positive number of megabytes, not '${values.mb}'`);
  return { mb };
}

async function main(): Promise<number> {
  const { mb } = readOptions();
  const parser = await HclParser.create('terraform');
  try {
    const coldOk = coldParse(parser, mb);
    const incrementalOk = incrementalReparse(parser);
    return coldOk && incrementalOk ? 0 : 1;
  } finally {
    parser.delete();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`parse.bench: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
