/**
 * The annual-data form's state, free of React so that it can be tested: the lines of a year (stored values plus
 * lines being entered), the instant checks of a line (negative where the item may not be, a unit the item does not
 * offer, a required item left empty, a free line without a name), the batch to save (`saveAnnualValues` body), and
 * the server's error field (`values.3.quantity`) mapped back onto the line and field it names.
 */
import type { AnnualValueInput, Api, ResponseOf } from '@cpaudit/contract';

export type AnnualItem = ResponseOf<Api['listAnnualItems']>['items'][number];
export type AnnualValue = ResponseOf<Api['getAnnualData']>['values'][number];
export type Level = 'I' | 'II' | 'III' | 'none';
export type ValueSource = NonNullable<AnnualValue['source']>;

export interface DraftLine {
  readonly code: string;
  /** The catalogue entry (for a free line: its template `product.*`). */
  readonly item: AnnualItem;
  /** Name of a free line (material, product). */
  readonly name: string;
  /** The value as typed: null when empty. */
  readonly quantity: number | null;
  readonly unit: string | null;
  readonly level: Level | null;
  readonly notApplicable: boolean;
  readonly source: ValueSource | null;
  /** True when the line differs from what is stored. */
  readonly dirty: boolean;
  /** Stored on the server (so clearing it removes it). */
  readonly stored: boolean;
  /** The item code is not in the catalogue (e.g. an indicator of a withdrawn system): shown, not editable. */
  readonly unknown: boolean;
}

export type LineField = 'name' | 'quantity' | 'unit' | 'level';

export interface LineProblem {
  readonly field: LineField;
  /** Message key and its variables (the page translates). */
  readonly key:
    | 'enterprise.annual.err.negative'
    | 'enterprise.annual.err.unit'
    | 'enterprise.annual.err.required'
    | 'enterprise.annual.err.name'
    | 'enterprise.annual.err.unitMissing';
  readonly vars?: Readonly<Record<string, string>>;
}

/** The catalogue entry of an item code: the fixed item, or the template of a free line. */
export function catalogueEntry(items: readonly AnnualItem[], code: string): AnnualItem | undefined {
  const fixed = items.find((i) => i.code === code);
  if (fixed) return fixed;
  const head = code.split('.')[0];
  return items.find((i) => i.free && i.code === `${head}.*`);
}

/** The lines of a year: every stored value, then every required fixed item not yet stored. */
export function linesOf(items: readonly AnnualItem[], values: readonly AnnualValue[]): DraftLine[] {
  const out: DraftLine[] = [];
  for (const v of values) {
    const known = catalogueEntry(items, v.itemCode);
    const item = known ?? unknownItem(v);
    out.push({
      code: v.itemCode,
      item,
      name: item.free ? v.name : item.zh,
      quantity: v.quantity,
      unit: v.unit,
      level: v.level,
      notApplicable: v.notApplicable,
      source: v.source,
      dirty: false,
      stored: true,
      unknown: known === undefined,
    });
  }
  for (const item of items) {
    if (!item.required || item.free || out.some((l) => l.code === item.code)) continue;
    out.push(emptyLine(item, item.code, item.zh));
  }
  return out;
}

/** A stand-in catalogue entry for a stored value whose item code the catalogue does not know. */
function unknownItem(v: AnnualValue): AnnualItem {
  return {
    code: v.itemCode,
    category: v.category,
    zh: v.name,
    en: v.name,
    kind: v.level === null ? 'quantity' : 'level',
    unit: v.unit,
    units: v.unit ? [v.unit] : [],
    dimensions: [],
    required: false,
    free: false,
    signed: true,
    carrier: null,
    pollutant: null,
    indicator: null,
    source: { document: v.itemCode, status: 'unverified' },
  };
}

export function emptyLine(item: AnnualItem, code: string, name: string): DraftLine {
  return {
    code,
    item,
    name,
    quantity: null,
    unit: item.unit ?? item.units[0] ?? null,
    level: null,
    notApplicable: false,
    source: null,
    dirty: false,
    stored: false,
    unknown: false,
  };
}

/** A new free line's code: `<category>.<slug>` from a counter, unique among `taken`. */
export function freeLineCode(category: string, taken: readonly string[]): string {
  for (let n = 1; ; n++) {
    const code = `${category}.line_${n}`;
    if (!taken.includes(code)) return code;
  }
}

function isEmpty(l: DraftLine): boolean {
  return l.quantity === null && l.level === null && !l.notApplicable;
}

/** The instant checks of one line (the server checks again and its answer lands on the same fields). */
export function problemsOf(l: DraftLine): LineProblem[] {
  const out: LineProblem[] = [];
  if (l.item.free && l.name.trim() === '') out.push({ field: 'name', key: 'enterprise.annual.err.name' });
  if (l.item.kind === 'quantity') {
    if (l.quantity !== null && l.quantity < 0 && !l.item.signed)
      out.push({ field: 'quantity', key: 'enterprise.annual.err.negative' });
    if (l.quantity !== null && !l.unit) out.push({ field: 'unit', key: 'enterprise.annual.err.unitMissing' });
    if (l.unit && l.item.units.length > 0 && !l.item.units.includes(l.unit))
      out.push({
        field: 'unit',
        key: 'enterprise.annual.err.unit',
        vars: { units: l.item.units.join('、') },
      });
    if (l.item.required && l.quantity === null && !l.notApplicable)
      out.push({ field: 'quantity', key: 'enterprise.annual.err.required' });
  } else if (l.item.required && l.level === null && !l.notApplicable) {
    out.push({ field: 'level', key: 'enterprise.annual.err.required' });
  }
  return out;
}

export interface SaveBatch {
  readonly values: AnnualValueInput[];
  readonly remove: string[];
  /** The line code of each entry of `values`, to map the server's `values.<n>.<field>` back. */
  readonly codes: string[];
}

/** The changed lines as a `saveAnnualValues` batch: filled lines are sent, emptied stored lines removed. */
export function saveBatch(lines: readonly DraftLine[]): SaveBatch {
  const values: AnnualValueInput[] = [];
  const remove: string[] = [];
  const codes: string[] = [];
  for (const l of lines) {
    if (!l.dirty) continue;
    if (isEmpty(l)) {
      if (l.stored) remove.push(l.code);
      continue;
    }
    const v: AnnualValueInput = { itemCode: l.code };
    if (l.item.free) v.name = l.name.trim();
    if (l.notApplicable) v.notApplicable = true;
    else if (l.item.kind === 'level') {
      if (l.level !== null) v.level = l.level;
    } else if (l.quantity !== null) {
      v.quantity = l.quantity;
      if (l.unit) v.unit = l.unit;
    }
    if (l.source) v.source = l.source;
    values.push(v);
    codes.push(l.code);
  }
  return { values, remove, codes };
}

/**
 * The line and field an API error names: `values.3.quantity` (or `body.values.3.quantity`) → the code of the 3rd
 * value sent and `quantity`; undefined when the error names no line.
 */
export function lineOfErrorField(
  field: string | undefined,
  batch: SaveBatch,
): { code: string; field: LineField } | undefined {
  if (!field) return undefined;
  const m = /^(?:body\.)?values\.(\d+)(?:\.(\w+))?/.exec(field);
  if (!m) return undefined;
  const code = batch.codes[Number(m[1])];
  if (code === undefined) return undefined;
  const f = m[2];
  const known: LineField = f === 'name' || f === 'unit' || f === 'level' ? f : 'quantity';
  return { code, field: known };
}
