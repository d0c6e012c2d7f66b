import { DataSource } from 'typeorm';

/**
 * How many rows of `table` hold each value of `column`: every expected value
 * (0 when no row has it), then any other the table holds. Table and column
 * are the caller's constants, never input.
 */
export async function countRowsBy(
  dataSource: DataSource,
  table: string,
  column: string,
  expected: readonly string[],
): Promise<Map<string, number>> {
  const rows: { value: string; count: number }[] = await dataSource.query(
    `SELECT "${column}" AS value, count(*)::int AS count FROM "${table}" GROUP BY "${column}"`,
  );
  const counts = new Map(expected.map((value) => [value, 0]));
  for (const row of rows) counts.set(row.value, row.count);
  return counts;
}
