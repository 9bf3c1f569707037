/**
 * A client's failure rule as descriptor data. The rule (analyze: the configured flag, failure value and
 * detail header) is completed here with the detail's keys, found in the detail header's type: a string
 * property `ExceptionType` (the failure's kind), a string property `Message`, and a property `InnerException`
 * of the detail's own type (its cause), as SuperOffice's SoExceptionInfo has them. A key the type lacks is
 * left out, and the runtime then shows less; the runtime itself knows no service's names.
 */
import type { ClientModel, FieldModel, TypeModel, ValueType } from "../analyze/model.js";
import type { FailureRule } from "../../templates/runtime/descriptors.js";

const TYPE_KEY = "ExceptionType";
const MESSAGE_KEY = "Message";
const INNER_KEY = "InnerException";

export function failureRule(c: ClientModel, types: ReadonlyMap<string, TypeModel>): FailureRule | undefined {
  const rule = c.failure;
  if (!rule) return undefined;
  const out: { -readonly [K in keyof FailureRule]: FailureRule[K] } = { flag: rule.flag, failureValue: rule.failureValue };
  if (rule.detail !== undefined) out.detail = rule.detail;
  const detailType = rule.detail === undefined ? undefined : detailHeaderType(c, rule.detail);
  const struct = detailType?.kind === "type" ? types.get(detailType.id) : undefined;
  if (struct?.kind === "struct") {
    const fields = structFields(struct, types);
    const field = (prop: string): FieldModel | undefined => fields.find((f) => f.prop === prop && !f.wildcard);
    const isString = (f: FieldModel | undefined): boolean => f?.type.kind === "prim" && f.type.prim === "string";
    if (isString(field(TYPE_KEY))) out.type = TYPE_KEY;
    if (isString(field(MESSAGE_KEY))) out.message = MESSAGE_KEY;
    const inner = field(INNER_KEY);
    if (inner?.type.kind === "type" && detailType?.kind === "type" && inner.type.id === detailType.id) out.inner = INNER_KEY;
  }
  return out;
}

function detailHeaderType(c: ClientModel, prop: string): ValueType | undefined {
  for (const op of c.operations) for (const h of op.output?.headers ?? []) if (h.prop === prop) return h.type;
  return undefined;
}

/** A struct's fields, its bases' first. */
function structFields(m: TypeModel, types: ReadonlyMap<string, TypeModel>): FieldModel[] {
  const out: FieldModel[] = [];
  const seen = new Set<TypeModel>();
  for (let cur: TypeModel | undefined = m; cur?.kind === "struct" && !seen.has(cur); ) {
    seen.add(cur);
    out.unshift(...cur.fields);
    cur = cur.base?.kind === "type" ? types.get(cur.base.id) : undefined;
  }
  return out;
}
