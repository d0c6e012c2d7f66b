import { HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem } from './problem-details';
import { ProblemException } from './problem.exception';

/** Flattens class-validator's tree into JSON Pointers such as `/payload/items/0/sku`. */
export function toFieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const pointer = `${parent}/${escapePointer(error.property)}`;
    const own = Object.values(error.constraints ?? {}).map((detail) => ({ pointer, detail }));
    return [...own, ...toFieldProblems(error.children ?? [], pointer)];
  });
}

function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Unknown fields are refused, not silently dropped, so a typo never passes as valid. */
export function strictValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) =>
      new ProblemException(
        HttpStatus.BAD_REQUEST,
        'The request body is not valid',
        'https://pujiang.dev/problems/validation',
        toFieldProblems(errors),
      ),
  });
}
