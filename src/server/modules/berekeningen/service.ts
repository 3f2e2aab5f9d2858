import type { Regel } from '../../../shared/schemas/berekeningen.ts';
import type { ServiceContext } from '../../http/context.ts';
import { problems } from '../../http/problem.ts';
import { RegelInputError } from './parameters.ts';
import { bereken, type RegelInput, type RegelResultaat } from './rules/index.ts';

/**
 * Computes one rule for a staff member. The input is entered ad hoc and is not linked to a person or household, so
 * nothing is stored and there is no personal data to audit; the scan of a stored household is audited elsewhere.
 */
export function calculateRule<R extends Regel>(
  _ctx: ServiceContext,
  regel: R,
  input: RegelInput<R>,
): RegelResultaat<R> {
  try {
    return bereken(regel, input);
  } catch (err) {
    if (err instanceof RegelInputError) {
      throw problems.badRequest(err.message, [
        { name: `body.${err.field}`, code: err.code, reason: err.message },
      ]);
    }
    throw err;
  }
}
