import { validate } from 'class-validator';
import { IsImoNumber } from './trade-identifiers';

class Vessel {
  @IsImoNumber()
  imoNumber!: unknown;
}

const problemsOf = async (imoNumber: unknown) => {
  const vessel = Object.assign(new Vessel(), { imoNumber });
  return (await validate(vessel)).flatMap((error) => Object.values(error.constraints ?? {}));
};

describe('IsImoNumber', () => {
  it('takes an IMO number whose check digit adds up (Ever Given, 9811000)', async () => {
    expect(await problemsOf('9811000')).toEqual([]);
  });

  it.each([['9811001'], ['981100'], ['IMO 9811001'], [9811000], [undefined]])(
    'refuses %p, naming the field',
    async (value) => {
      expect(await problemsOf(value)).toEqual([
        'imoNumber must be an IMO number with a valid check digit',
      ]);
    },
  );
});
