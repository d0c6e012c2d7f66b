import { PUBLIC_GRANTEE } from '@pujiang/contracts';
import { visibleEventsPredicate } from './visible-events.sql';

/** The builder's shape; what it means is proved on PostgreSQL by visible-events.sql.int-spec.ts. */
function build(viewer: string, alias?: string) {
  const params: unknown[] = [];
  const sql = visibleEventsPredicate(
    viewer,
    new Date('2027-03-01T12:00:00.000Z'),
    (value) => `$${params.push(value)}`,
    alias,
  );
  return { sql, params };
}

describe('visibleEventsPredicate', () => {
  it('binds the viewer and the instant, never writing them into the statement', () => {
    const { sql, params } = build("Org2MSP' OR true --");
    expect(sql).not.toContain("Org2MSP'");
    expect(params).toEqual(
      expect.arrayContaining(["Org2MSP' OR true --", '2027-03-01T12:00:00.000Z']),
    );
  });

  it('lets an organisation see its own events, or those an active grant covers', () => {
    const { sql, params } = build('Org2MSP');
    expect(sql).toMatch(/^\(e\.capturing_organisation = \$1 OR EXISTS/);
    expect(params).toContainEqual(['all', 'companyPrefix', 'gtin', 'lot']);
  });

  it('gives the public no events of its own, and only publishable scopes', () => {
    const { sql, params } = build(PUBLIC_GRANTEE);
    expect(sql).not.toContain('capturing_organisation = $1');
    expect(params).toContainEqual(['companyPrefix', 'gtin']);
  });

  it('judges the row under the alias it is given', () => {
    const { sql } = build('Org2MSP', 'x');
    expect(sql).toContain('x.capturing_organisation');
    expect(sql).toContain('i.event_seq = x.seq');
    expect(sql).not.toMatch(/\be\./);
  });
});
