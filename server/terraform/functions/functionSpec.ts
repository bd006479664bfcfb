import type { Value } from '../values';
import type { FunctionContext } from './evaluationError';

/** One built-in Terraform function, as Cartograph's evaluator computes it. */
export interface FunctionSpec {
  /** Fewest and most arguments (after `...` expansion); `max` is Infinity for variadic functions. */
  min: number;
  max: number;
  /**
   * Whether the function copes with arguments that are only partly known (a list with an unknown
   * element, say) and checks them itself. Otherwise any argument that is not wholly known makes the
   * result unknown before `impl` runs. A wholly unknown argument always does.
   */
  partial?: boolean;
  /** Whether the function looks at wholly unknown arguments itself (`coalesce` stops at the first usable one). */
  unknownArguments?: boolean;
  impl(args: Value[], ctx: FunctionContext): Value;
}
