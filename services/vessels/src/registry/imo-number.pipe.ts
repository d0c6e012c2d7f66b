import { Injectable, PipeTransform } from '@nestjs/common';
import { ProblemException } from '@pujiang/http';
import { parseImoNumber } from '@pujiang/standards';

/** A path's IMO number, as its seven digits; a 400 when the check digit does not add up. */
@Injectable()
export class ImoNumberPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const imo = parseImoNumber(value);
    if (imo === undefined) {
      throw new ProblemException(400, `${value} is not an IMO number with a valid check digit`);
    }
    return imo;
  }
}
