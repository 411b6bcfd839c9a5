/** Data-collection workbooks (Appendix A) and their import; indicator systems from .xlsx; upload safety checks. */
export * from './data.ts';
export * from './indicator-system.ts';
export * from './inspect.ts';
export {
  columnLetter,
  freeLineCode,
  LEVEL_LABELS,
  NOT_APPLICABLE_LABEL,
  SHEETS as DATA_WORKBOOK_SHEETS,
  type SheetDef,
  type WorkbookItem,
} from './layout.ts';
