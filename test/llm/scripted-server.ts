// The scripted server ships in knobs/testing; tests import it from here as before.
export { chatCompletion, ScriptedServer, type ReceivedRequest, type ScriptedReply } from "../../src/testing/index.js";
