/** Re-exports of the naming units under test. */
export { camel, NameScope, pascal, typeIdentifier } from "../../generator/analyze/names.js";
export { enumKey as enumKeyFor } from "../../generator/analyze/naming.js";
