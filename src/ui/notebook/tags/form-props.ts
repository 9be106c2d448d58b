/** What every tag kind's form receives from TagCellView. */
import type { TagCell, TagDefinition } from '../../../engine/index.ts';

export interface TagFormProps<T extends TagDefinition> {
  cell: TagCell;
  /** The cell's definition, narrowed to the form's kind. */
  definition: T;
  /** Saves a changed definition (recorded for undo) and evaluates the table's tags again. */
  save: (next: TagDefinition) => void;
  /** The customer table's integer and decimal columns, for the metric selects. */
  numericColumns: string[];
}
