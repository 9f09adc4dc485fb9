import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidationProblem } from './problem.filter';
import type { FieldProblem } from './problem';

function flatten(errors: readonly ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, problems: Object.keys(error.constraints) }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * The global ValidationPipe. With `forbidUnknownFields` (the default) every
 * body is whitelisted and any field the DTO does not declare is a 400
 * REQUEST.UNKNOWN_FIELD: mass assignment is refused, not silently dropped.
 * Problems name the field and the failed rule, never the submitted value.
 */
export function createValidationPipe(forbidUnknownFields: boolean): ValidationPipe {
  return new ValidationPipe({
    whitelist: forbidUnknownFields,
    forbidNonWhitelisted: forbidUnknownFields,
    forbidUnknownValues: true,
    transform: true,
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      const unknown = fields.some((f) => f.problems.includes('whitelistValidation'));
      return new ValidationProblem(unknown ? 'REQUEST.UNKNOWN_FIELD' : 'REQUEST.VALIDATION_FAILED', fields);
    },
  });
}
