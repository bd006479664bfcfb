import { isKnown, listValue, stringValue, unknown, type Value } from './values';
import { integerArg, stringArg } from './functions/arguments';
import { cidrHost, cidrNetmask, cidrSubnet, cidrSubnets } from './functions/cidr';
import { collectionFunctions } from './functions/collectionFunctions';
import { base64Decode, base64Encode, hashBase64, hashHex, jsonDecode, jsonText, urlEncode } from './functions/encoding';
import { fail, UnknownResult, type FunctionContext } from './functions/evaluationError';
import type { FunctionSpec } from './functions/functionSpec';
import { stringFunctions } from './functions/stringFunctions';

/**
 * The built-in functions Cartograph computes statically, with Terraform's semantics. Functions that
 * read files (`file`, `templatefile`, …) or are not deterministic (`timestamp`, `uuid`, …) are
 * deliberately absent: a call to them, or to any name not listed here, is Unknown. `try` and `can`
 * are special forms of the evaluator, since their arguments must not be evaluated eagerly.
 */
const otherFunctions: Record<string, FunctionSpec> = {
  jsonencode: { min: 1, max: 1, impl: (args, ctx) => spendString(ctx, jsonText(args[0])) },
  jsondecode: { min: 1, max: 1, impl: (args, ctx) => {
    const text = stringArg('jsondecode', args, 0);
    ctx.spend(text.length / 64);
    return jsonDecode(text);
  } },
  base64encode: { min: 1, max: 1, impl: (args) => stringValue(base64Encode(stringArg('base64encode', args, 0))) },
  base64decode: { min: 1, max: 1, impl: (args) => stringValue(base64Decode(stringArg('base64decode', args, 0))) },
  base64sha256: { min: 1, max: 1, impl: (args) => stringValue(hashBase64('sha256', stringArg('base64sha256', args, 0))) },
  base64sha512: { min: 1, max: 1, impl: (args) => stringValue(hashBase64('sha512', stringArg('base64sha512', args, 0))) },
  md5: { min: 1, max: 1, impl: (args) => stringValue(hashHex('md5', stringArg('md5', args, 0))) },
  sha1: { min: 1, max: 1, impl: (args) => stringValue(hashHex('sha1', stringArg('sha1', args, 0))) },
  sha256: { min: 1, max: 1, impl: (args) => stringValue(hashHex('sha256', stringArg('sha256', args, 0))) },
  sha512: { min: 1, max: 1, impl: (args) => stringValue(hashHex('sha512', stringArg('sha512', args, 0))) },
  urlencode: { min: 1, max: 1, impl: (args) => stringValue(urlEncode(stringArg('urlencode', args, 0))) },
  cidrsubnet: {
    min: 3,
    max: 3,
    impl: (args) => stringValue(cidrSubnet(stringArg('cidrsubnet', args, 0), integerArg('cidrsubnet', args, 1), integerArg('cidrsubnet', args, 2))),
  },
  cidrsubnets: {
    min: 1,
    max: Infinity,
    impl: (args) => {
      const newbits = args.slice(1).map((_, i) => integerArg('cidrsubnets', args, i + 1));
      return listValue(cidrSubnets(stringArg('cidrsubnets', args, 0), newbits).map(stringValue));
    },
  },
  cidrhost: { min: 2, max: 2, impl: (args) => stringValue(cidrHost(stringArg('cidrhost', args, 0), integerArg('cidrhost', args, 1))) },
  cidrnetmask: { min: 1, max: 1, impl: (args) => stringValue(cidrNetmask(stringArg('cidrnetmask', args, 0))) },
  // Sensitivity does not change a value; Cartograph never shows values of sensitive variables anyway.
  sensitive: { min: 1, max: 1, partial: true, impl: (args) => args[0] },
  nonsensitive: { min: 1, max: 1, partial: true, impl: (args) => args[0] },
};

const builtins: ReadonlyMap<string, FunctionSpec> = new Map(
  Object.entries({ ...stringFunctions, ...collectionFunctions, ...otherFunctions }),
);

/** The names of the functions the evaluator computes (besides the special forms `try` and `can`). */
export const evaluatedFunctionNames: ReadonlySet<string> = new Set([...builtins.keys(), 'try', 'can']);

/**
 * Calls a built-in function on evaluated arguments. Unknown functions and unknown arguments give
 * Unknown; what Terraform would reject throws EvaluationError.
 */
export function callFunction(name: string, args: Value[], ctx: FunctionContext): Value {
  const spec = builtins.get(name);
  if (!spec) return unknown;
  if (args.length < spec.min || args.length > spec.max) {
    const expected = spec.min === spec.max ? `${spec.min}` : spec.max === Infinity ? `at least ${spec.min}` : `${spec.min} to ${spec.max}`;
    fail(`${name} takes ${expected} argument${spec.min === 1 && spec.max === 1 ? '' : 's'}, not ${args.length}`);
  }
  if (!spec.unknownArguments && args.some((a) => a.kind === 'unknown')) return unknown;
  if (!spec.partial && !args.every(isKnown)) return unknown;
  try {
    return spec.impl(args, ctx);
  } catch (e) {
    if (e instanceof UnknownResult) return unknown;
    throw e;
  }
}

function spendString(ctx: FunctionContext, text: string): Value {
  ctx.spend(text.length / 64);
  return stringValue(text);
}
