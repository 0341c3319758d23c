// The messages between the bridge's HTTP side and its COM worker child process (Node IPC, plain data).
import type {
  BridgeKsef,
  CreateDocumentRequest,
  CreatedDocument,
  DictionaryCheck,
  DocumentDetails,
  DocumentSummary,
} from '../../core/erp/bridge/contract';
import type { SerializedJobError } from '../errors';
import type { SimulatorSeed } from '../simulator/schema';

export interface DictionaryQuery {
  paymentMethods: string[];
  definitions: string[];
  items: string[];
}

export type Job =
  | { type: 'health' }
  | { type: 'create'; request: CreateDocumentRequest }
  | { type: 'find'; externalId: string }
  | { type: 'document'; erpId: number }
  | { type: 'dictionaries'; query: DictionaryQuery }
  /** --simulate only: realize an RO/PF as a person would in Optima. */
  | { type: 'realize'; erpId: number; date: string; kind?: 'FS' | 'PA' }
  /** --simulate only: KSeF's answer to an FS, as Optima records it. */
  | { type: 'ksef'; erpId: number; decision: { accept: true } | { reject: string }; at: string };

export interface JobResults {
  health: { optimaVersion: string; company: string; operator: string; simulated: boolean };
  create: { document: CreatedDocument; existing: boolean };
  find: { documents: DocumentSummary[] };
  document: DocumentDetails;
  dictionaries: DictionaryCheck;
  realize: { erpId: number; kind: 'FS' | 'PA'; number: string };
  ksef: BridgeKsef;
}

export type JobResult<J extends Job> = JobResults[J['type']];

/** How the worker reaches Optima. The password travels over IPC, never on a command line. */
export interface WorkerConfig {
  backend: 'winax' | 'simulator';
  company: string;
  operator: string;
  password: string;
  /** Optima's installation folder (the samples make it the current directory before creating the Application). */
  optimaDir?: string;
  /** --simulate: the simulated company's file, and what a new one holds. */
  simulatorFile?: string;
  seed?: SimulatorSeed;
  /** --record: every COM get/set/call as JSON lines, scrubbed. */
  recordFile?: string;
}

export type HostMessage = { kind: 'start'; config: WorkerConfig } | { kind: 'job'; id: number; job: Job };

export type WorkerMessage =
  | { kind: 'ready' }
  | { kind: 'login-failed'; error: SerializedJobError }
  | { kind: 'result'; id: number; ok: true; result: unknown }
  | { kind: 'result'; id: number; ok: false; error: SerializedJobError };
