import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { MasterDataElement } from './domain/master-data';

interface ElementRow {
  id: string;
  vocabulary_type: string;
  attributes: Record<string, unknown>;
  children: string[];
}

/** master_data_element: the latest description of each element wins, whole. */
@Injectable()
export class MasterDataStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** In the caller's transaction when given (capture writes master data with its events). */
  async write(
    elements: readonly MasterDataElement[],
    writtenBy: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    if (elements.length === 0) return;
    // The last description of an id in one request wins, as it would over two requests.
    const latest = [...new Map(elements.map((e) => [e.id, e])).values()];
    await manager.query(
      `INSERT INTO master_data_element
              (id, vocabulary_type, attributes, children, written_by, updated_at)
       SELECT e.id, e.vocabulary_type, e.attributes, e.children, $2, now()
         FROM jsonb_to_recordset($1::jsonb)
              AS e(id text, vocabulary_type text, attributes jsonb, children text[])
       ON CONFLICT (id) DO UPDATE
          SET vocabulary_type = EXCLUDED.vocabulary_type, attributes = EXCLUDED.attributes,
              children = EXCLUDED.children, written_by = EXCLUDED.written_by,
              updated_at = EXCLUDED.updated_at`,
      [
        JSON.stringify(
          latest.map((e) => ({
            id: e.id,
            vocabulary_type: e.vocabularyType,
            attributes: e.attributes,
            children: e.children,
          })),
        ),
        writtenBy,
      ],
    );
  }

  async read(ids: readonly string[]): Promise<Map<string, MasterDataElement>> {
    if (ids.length === 0) return new Map();
    const rows: ElementRow[] = await this.dataSource.query(
      `SELECT id, vocabulary_type, attributes, children FROM master_data_element
        WHERE id = ANY($1::text[])`,
      [[...new Set(ids)]],
    );
    return new Map(
      rows.map((row) => [
        row.id,
        {
          id: row.id,
          vocabularyType: row.vocabulary_type,
          attributes: row.attributes,
          children: row.children,
        },
      ]),
    );
  }
}
