import { MemoryStorage } from "../../src/storage/index.js";
import { storageSuite } from "./storage-suite.js";

storageSuite("memory", async () => new MemoryStorage());
