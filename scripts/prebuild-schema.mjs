// Part of `npm run build`: writes dist/schema.json, an empty database with every migration applied, which in-memory
// databases are made from (src/db/schema-image.ts).
import { openDatabase } from "../dist/src/db/open.js";
import { writeSchemaImage } from "../dist/src/db/schema-image.js";

const database = await openDatabase(":memory:", { fromImage: false });
writeSchemaImage(database.sqlite);
await database.close();
