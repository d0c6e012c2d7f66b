import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { QueryDefinition, QueryValue } from './domain/query-definition';

/** Who a named query belongs to: the party that created it, within its organisation. */
export interface QueryOwner {
  organisation: string;
  party: string;
}

export interface StoredQuery extends QueryDefinition {
  id: string;
  createdAt: Date;
}

interface QueryRow {
  id: string;
  name: string;
  definition: Record<string, QueryValue>;
  created_at: Date;
}

/**
 * Named queries, each visible to its owner only: every statement is keyed by
 * the owner, so another party's query is simply not there (404, never 403,
 * which would tell that the name is taken).
 */
@Injectable()
export class NamedQueryStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** False if the owner already has a query of that name. */
  async create(owner: QueryOwner, definition: QueryDefinition): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO epcis_named_query (id, owner_organisation, owner_party, name, definition)
       VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (owner_organisation, owner_party, name) DO NOTHING RETURNING id`,
      [
        randomUUID(),
        owner.organisation,
        owner.party,
        definition.name,
        JSON.stringify(definition.query),
      ],
    );
    return rows.length > 0;
  }

  async find(owner: QueryOwner, name: string): Promise<StoredQuery | undefined> {
    const rows: QueryRow[] = await this.dataSource.query(
      `SELECT id, name, definition, created_at FROM epcis_named_query
        WHERE owner_organisation = $1 AND owner_party = $2 AND name = $3`,
      [owner.organisation, owner.party, name],
    );
    return rows[0] === undefined ? undefined : toStored(rows[0]);
  }

  /** The owner's queries by name, after `after` (the last name of the page before). */
  async list(owner: QueryOwner, after: string | undefined, limit: number): Promise<StoredQuery[]> {
    const rows: QueryRow[] = await this.dataSource.query(
      `SELECT id, name, definition, created_at FROM epcis_named_query
        WHERE owner_organisation = $1 AND owner_party = $2 AND ($3::text IS NULL OR name > $3)
        ORDER BY name LIMIT $4`,
      [owner.organisation, owner.party, after ?? null, limit],
    );
    return rows.map(toStored);
  }

  /** Deletes the query; its subscriptions and their pending deliveries go with it. */
  async delete(owner: QueryOwner, name: string): Promise<boolean> {
    // In a WITH, so the driver returns the rows (TypeORM gives [rows, count] for a DELETE).
    const rows: unknown[] = await this.dataSource.query(
      `WITH gone AS (DELETE FROM epcis_named_query
        WHERE owner_organisation = $1 AND owner_party = $2 AND name = $3 RETURNING id)
       SELECT id FROM gone`,
      [owner.organisation, owner.party, name],
    );
    return rows.length > 0;
  }
}

function toStored(row: QueryRow): StoredQuery {
  return { id: row.id, name: row.name, query: row.definition, createdAt: row.created_at };
}
