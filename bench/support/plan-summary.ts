/** EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) output, reduced to what a reader checks first. */

export interface PlanNode {
  'Node Type': string;
  'Parent Relationship'?: string;
  'Subplan Name'?: string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Join Type'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Actual Total Time'?: number;
  'Heap Fetches'?: number;
  'Shared Hit Blocks'?: number;
  'Shared Read Blocks'?: number;
  Plans?: PlanNode[];
}

export interface ExplainResult {
  Plan: PlanNode;
  'Planning Time': number;
  'Execution Time': number;
  /** Present when PostgreSQL compiled the statement (jit_above_cost); its time is inside Execution Time. */
  JIT?: { Functions: number; Timing: { Total: number } };
}

/** Milliseconds the statement spent compiling with JIT; 0 when it did not. */
export function jitMs(result: ExplainResult): number {
  return result.JIT?.Timing.Total ?? 0;
}

/** One line per plan node, indented like EXPLAIN's text form; loops × rows and time per loop. */
export function planLines(result: ExplainResult): string[] {
  const lines: string[] = [];
  const walk = (node: PlanNode, depth: number) => {
    const parts = [
      node['Subplan Name'] ? `${node['Subplan Name']}: ` : '',
      node['Join Type'] ? `${node['Join Type']} ` : '',
      node['Node Type'],
      node['Index Name'] ? ` using ${node['Index Name']}` : '',
      node['Relation Name'] && !node['Index Name'] ? ` on ${node['Relation Name']}` : '',
      node['Relation Name'] && node['Index Name'] ? ` on ${node['Relation Name']}` : '',
      `  rows ${node['Actual Rows'] ?? '?'} × loops ${node['Actual Loops'] ?? '?'}`,
      `, ${(node['Actual Total Time'] ?? 0).toFixed(3)} ms/loop`,
      node['Heap Fetches'] === undefined ? '' : `, heap fetches ${node['Heap Fetches']}`,
      `, buffers hit ${node['Shared Hit Blocks'] ?? 0} read ${node['Shared Read Blocks'] ?? 0}`,
    ];
    lines.push(`${'  '.repeat(depth)}${parts.join('')}`);
    for (const child of node.Plans ?? []) walk(child, depth + 1);
  };
  walk(result.Plan, 0);
  return lines;
}

/** Every index the plan reads, and whether any table is read by a sequential scan. */
export function planAccess(result: ExplainResult): { indexes: string[]; seqScans: string[] } {
  const indexes = new Set<string>();
  const seqScans = new Set<string>();
  const walk = (node: PlanNode) => {
    if (node['Index Name']) indexes.add(node['Index Name']);
    if (node['Node Type'] === 'Seq Scan' && node['Relation Name']) {
      seqScans.add(node['Relation Name']);
    }
    (node.Plans ?? []).forEach(walk);
  };
  walk(result.Plan);
  return { indexes: [...indexes], seqScans: [...seqScans] };
}
