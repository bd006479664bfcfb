/**
 * What Terraform would report as an error while evaluating (a wrong type, an index out of range, a
 * function's own error). The evaluator turns it into Unknown at the top, and `try`/`can` catch it,
 * as Terraform's do.
 */
export class EvaluationError extends Error {
  override readonly name = 'EvaluationError';
}

/**
 * The evaluation ran out of its step budget or nesting limit. Unlike an EvaluationError, `try` and
 * `can` never catch it: the whole evaluation stops and its result is Unknown.
 */
export class EvaluationLimitError extends Error {
  override readonly name = 'EvaluationLimitError';
}

/** What a built-in function may ask of the evaluator that calls it. */
export interface FunctionContext {
  /** Charges `steps` units of work to the evaluation's budget; throws EvaluationLimitError past it. */
  spend(steps: number): void;
}

export function fail(message: string): never {
  throw new EvaluationError(message);
}

/**
 * Thrown by a function that finds, part way through, that it needs a value that is unknown. The
 * call's result is then Unknown (not an error: `can` must not say false).
 */
export class UnknownResult extends Error {
  override readonly name = 'UnknownResult';
}
