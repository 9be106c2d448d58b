/** The parsed formula: every node carries its source span (UTF-16 offsets, end exclusive). */
export type Node =
  | { kind: 'number'; value: number; text: string; start: number; end: number }
  | { kind: 'string'; value: string; start: number; end: number }
  | { kind: 'bool'; value: boolean; start: number; end: number }
  | { kind: 'null'; start: number; end: number }
  | { kind: 'name'; name: string; quoted: boolean; start: number; end: number }
  | { kind: 'call'; name: string; nameEnd: number; args: Node[]; start: number; end: number }
  | { kind: 'unary'; op: '-' | 'NOT'; arg: Node; start: number; end: number }
  | { kind: 'binary'; op: BinaryOp; left: Node; right: Node; opStart: number; start: number; end: number }
  | { kind: 'is-null'; arg: Node; negated: boolean; start: number; end: number }
  | { kind: 'in'; arg: Node; list: Node[]; negated: boolean; start: number; end: number }
  | { kind: 'between'; arg: Node; low: Node; high: Node; negated: boolean; start: number; end: number }
  | { kind: 'case'; subject: Node | null; whens: { when: Node; then: Node }[]; otherwise: Node | null; start: number; end: number };

export type BinaryOp = '+' | '-' | '*' | '/' | '%' | '&' | '=' | '<>' | '<' | '<=' | '>' | '>=' | 'AND' | 'OR';
