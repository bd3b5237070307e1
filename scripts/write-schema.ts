/** Writes schema/study-config.schema.json from the zod schema. Run: npm run schema */
import { writeFileSync } from "node:fs";
import { studyConfigJsonSchema } from "../src/study/index.js";

const schema = { $id: "https://knobs.dev/schema/study-config.schema.json", title: "knobs study config", ...studyConfigJsonSchema() };
writeFileSync(new URL("../schema/study-config.schema.json", import.meta.url), JSON.stringify(schema, null, 2) + "\n");
console.log("wrote schema/study-config.schema.json");
