// `npm run goldens`: regenerates test/goldens/out/ from ../shared/corpus (see goldens.ts).
import { GOLDEN_DIR, writeGoldens } from "./goldens.js";

await writeGoldens();
console.log(`wrote ${GOLDEN_DIR}`);
