import { isValidImoNumber } from '@pujiang/standards';
import { registerDecorator } from 'class-validator';

/**
 * A request field holding an IMO ship identification number whose check
 * digit adds up (the rule itself lives in libs/standards). One decorator for
 * every service that takes a vessel, so their 400s say the same thing.
 */
export function IsImoNumber(): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'isImoNumber',
      target: target.constructor,
      propertyName: String(property),
      options: {
        message: `${String(property)} must be an IMO number with a valid check digit`,
      },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidImoNumber(value),
      },
    });
}
