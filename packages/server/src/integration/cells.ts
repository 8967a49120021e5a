import type { CustomField, FieldError } from '@crmkit/core';
import type { z } from 'zod';
import type { Resource, Row } from '../resources/resource.js';

/** What kind of value a field holds, under its optional, nullable and default wrappers. */
function kindOf(schema: z.ZodType): string {
  let def = (schema as unknown as { _zod: { def: { type: string; innerType?: z.ZodType; in?: z.ZodType } } })._zod.def;
  while (def.innerType || (def.type === 'pipe' && def.in)) {
    const inner = (def.innerType ?? def.in)!;
    def = (inner as unknown as { _zod: { def: typeof def } })._zod.def;
  }
  return def.type;
}

/** The fields a CSV may fill: the resource's create fields. */
export function fieldsOf(resource: Resource): Record<string, z.ZodType> {
  return (resource.schemas.create as Partial<z.ZodObject>).shape ?? {};
}

/**
 * A cell as the value of its field: numbers, booleans, lists (`a; b` or a JSON array) and JSON
 * objects from their text. An empty cell is no value (a create gets the default, an update keeps
 * what is stored). Text that is not the field's kind is left as it is, for the schema to refuse.
 */
export function cellValue(schema: z.ZodType, cell: string): unknown {
  const text = cell.trim();
  if (text === '') return undefined;
  switch (kindOf(schema)) {
    case 'number':
    case 'int':
      return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : cell;
    case 'boolean':
      return /^(true|yes|1)$/i.test(text) ? true : /^(false|no|0)$/i.test(text) ? false : cell;
    case 'array':
      if (text.startsWith('[')) return json(text) ?? cell;
      return text
        .split(';')
        .map((item) => item.trim())
        .filter(Boolean);
    case 'object':
    case 'record':
      return json(text) ?? cell;
    default:
      return cell;
  }
}

function json(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The custom fields of an import or an export, by key. */
export type CustomColumns = Map<string, CustomField>;

/** The prefix of a custom field's column: `customFields.<key>`. */
const CUSTOM = 'customFields.';

/**
 * A cell as the value of a custom field of this type: as {@link cellValue} reads the built-in
 * fields, and money as `1234 USD` (minor units, then the currency) or as JSON.
 */
export function customCellValue(field: CustomField, cell: string): unknown {
  const text = cell.trim();
  if (text === '') return undefined;
  switch (field.type) {
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : cell;
    case 'boolean':
      return /^(true|yes|1)$/i.test(text) ? true : /^(false|no|0)$/i.test(text) ? false : cell;
    case 'multi_select':
      if (text.startsWith('[')) return json(text) ?? cell;
      return text
        .split(';')
        .map((item) => item.trim())
        .filter(Boolean);
    case 'money': {
      const match = /^(-?\d+) ([A-Z]{3})$/.exec(text);
      return match ? { amount: Number(match[1]), currency: match[2] } : (json(text) ?? cell);
    }
    case 'text':
      return cell;
    default:
      return text;
  }
}

/** A custom field's value as a cell: money as `1234 USD`, the rest as {@link cellText} writes it. */
export function customCellText(field: CustomField, value: unknown): string | number | boolean {
  if (field.type === 'money' && typeof value === 'object' && value !== null && 'amount' in value) {
    const money = value as { amount: number; currency: string };
    return `${money.amount} ${money.currency}`;
  }
  return cellText(value);
}

/** A field's value as a cell: lists as `a; b` (JSON when an item holds `;`), objects as JSON. */
export function cellText(value: unknown): string | number | boolean {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' && !v.includes(';'))) return value.join('; ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value as string);
}

/** Where each column of a file goes: a field's name, or null for a column left out. */
export type ColumnMap = (string | null)[];

/**
 * The field of each header: as the mapping names it (`Header:field`, `Header:` to leave the
 * column out), else the header itself. A column for no field, or two columns for one field, is
 * an error naming the header.
 */
export function mapColumns(
  resource: Resource,
  headers: string[],
  map: string | undefined,
  custom: CustomColumns = new Map(),
): { columns: ColumnMap } | { errors: FieldError[] } {
  const named = new Map<string, string>();
  for (const pair of (map ?? '').split(',').filter((p) => p.trim())) {
    const at = pair.lastIndexOf(':');
    named.set((at < 0 ? pair : pair.slice(0, at)).trim(), at < 0 ? '' : pair.slice(at + 1).trim());
  }
  const fields = fieldsOf(resource);
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const columns = headers.map((raw) => {
    const header = raw.trim();
    const field = named.has(header) ? named.get(header)! : header;
    if (!field) return null;
    const isCustom = field.startsWith(CUSTOM) && custom.has(field.slice(CUSTOM.length));
    if (!isCustom && (!Object.hasOwn(fields, field) || field === 'customFields')) {
      errors.push({
        path: `map.${header}`,
        code: 'unknown_field',
        message: `Not a field of ${resource.path}: ${field}`,
      });
    } else if (seen.has(field)) {
      errors.push({ path: `map.${header}`, code: 'invalid_value', message: `Another column is mapped to ${field}` });
    }
    seen.add(field);
    return field;
  });
  for (const header of named.keys()) {
    if (!headers.some((h) => h.trim() === header)) {
      errors.push({ path: `map.${header}`, code: 'not_found', message: 'No column has this header' });
    }
  }
  return errors.length ? { errors } : { columns };
}

/**
 * A row's cells as the record they describe, by the column map; the `customFields.<key>` columns
 * go into `customFields`.
 */
export function rowValues(resource: Resource, columns: ColumnMap, cells: string[], custom: CustomColumns = new Map()) {
  const fields = fieldsOf(resource);
  const values: Row = {};
  const customValues: Row = {};
  columns.forEach((field, i) => {
    if (field === null || i >= cells.length) return;
    if (field.startsWith(CUSTOM)) {
      const key = field.slice(CUSTOM.length);
      const value = customCellValue(custom.get(key)!, cells[i]!);
      if (value !== undefined) customValues[key] = value;
      return;
    }
    const value = cellValue(fields[field]!, cells[i]!);
    if (value !== undefined) values[field] = value;
  });
  if (Object.keys(customValues).length) values.customFields = customValues;
  return values;
}
