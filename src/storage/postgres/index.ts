export { PostgresStorage, type PostgresStorageOptions } from "./postgres-storage.js";
export { StorageUnavailableError } from "./storage-unavailable-error.js";
export type { RetryPolicy } from "./database.js";
