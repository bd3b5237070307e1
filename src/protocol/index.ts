/** JSON-RPC stdio servers. */
export { OptimizerServer, optimizerSpecSchema, type OptimizerServerOptions } from "./optimizer-server.js";
export { RPC_ERROR, RpcError } from "./json-rpc.js";
export { TaskServer } from "./task-server.js";
