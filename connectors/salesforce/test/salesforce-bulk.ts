// Bulk API 2.0 ingest jobs of the reference org, from the "Bulk API 2.0 and Bulk API Developer Guide": Create
// a Job (create_job.htm), Upload Job Data (upload_job_data.htm: PUT text/csv, 201), Upload Complete
// (close_job.htm), Get Job Info (get_job_info.htm), Get Job Successful / Failed / Unprocessed Record Results
// (CSV with sf__Id,sf__Created and sf__Id,sf__Error before the uploaded columns), Delete a Job
// (delete_job.htm: only UploadComplete, JobComplete, Aborted or Failed jobs), Job States and Errors.
import { API_VERSION, type FieldValue, type Org, OrgFault } from './salesforce-org.js';

type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';

interface ResultRow {
  id: string;
  error?: string;
  values: string[];
}

interface IngestJob {
  id: string;
  object: string;
  state: JobState;
  createdDate: string;
  uploads: string[];
  columns: string[];
  results: ResultRow[];
  unprocessed: string[][];
  errorMessage?: string;
  /** Info requests seen since the job was closed: a job is queued, then in progress, then done. */
  checks: number;
}

const DELETABLE: JobState[] = ['UploadComplete', 'JobComplete', 'Aborted', 'Failed'];

export class BulkIngest {
  readonly jobs = new Map<string, IngestJob>();
  /** While true, closed jobs stay queued (UploadComplete), as in a busy org. */
  holdQueue = false;
  private nextNumber = 1;

  constructor(private readonly org: Org) {}

  create(body: Record<string, unknown>): Record<string, unknown> {
    const object = body.object;
    const operation = body.operation;
    if (typeof object !== 'string' || typeof operation !== 'string') {
      throw new OrgFault(400, 'INVALIDJOB', 'InvalidJob : object and operation are required');
    }
    if (operation !== 'insert') {
      throw new OrgFault(400, 'FeatureNotEnabled', `This reference org only runs insert jobs, not ${operation}`);
    }
    for (const [field, allowed] of [
      ['contentType', 'CSV'],
      ['columnDelimiter', 'COMMA'],
    ] as const) {
      if (body[field] !== undefined && body[field] !== allowed) {
        throw new OrgFault(400, 'ClientInputError', `${field} ${String(body[field])} is not supported here`);
      }
    }
    if (body.lineEnding !== undefined && body.lineEnding !== 'LF' && body.lineEnding !== 'CRLF') {
      throw new OrgFault(400, 'ClientInputError', `Invalid lineEnding: ${String(body.lineEnding)}`);
    }
    const describe = this.org.describe(object);
    const id = `750Dn00000${String(this.nextNumber++).padStart(5, '0')}AAA`;
    const job: IngestJob = {
      id,
      object: String(describe.name),
      state: 'Open',
      createdDate: new Date().toISOString().replace('Z', '+0000'),
      uploads: [],
      columns: [],
      results: [],
      unprocessed: [],
      checks: 0,
    };
    this.jobs.set(id, job);
    return this.info(job);
  }

  upload(id: string, csv: string): void {
    const job = this.job(id);
    if (job.state !== 'Open') {
      throw new OrgFault(409, 'INVALIDJOBSTATE', `InvalidJobState : Job ${id} is ${job.state}, not Open`);
    }
    if (csv.length === 0) throw new OrgFault(400, 'ClientInputError', 'ClientInputError : the upload is empty');
    job.uploads.push(csv);
  }

  changeState(id: string, state: unknown): Record<string, unknown> {
    const job = this.job(id);
    if (state === 'Aborted' && (job.state === 'Open' || job.state === 'UploadComplete')) {
      job.state = 'Aborted';
    } else if (state === 'UploadComplete' && job.state === 'Open') {
      job.state = 'UploadComplete';
      this.process(job);
    } else {
      throw new OrgFault(
        400,
        'INVALIDJOBSTATE',
        `InvalidJobState : cannot change a ${job.state} job to ${String(state)}`,
      );
    }
    return this.info(job);
  }

  /** Get Job Info; every check moves a closed job along, unless the queue is held. */
  check(id: string): Record<string, unknown> {
    const job = this.job(id);
    if (!this.holdQueue && job.state === 'UploadComplete') job.state = 'InProgress';
    else if (!this.holdQueue && job.state === 'InProgress') job.state = job.errorMessage ? 'Failed' : 'JobComplete';
    return this.info(job);
  }

  results(id: string, kind: 'successfulResults' | 'failedResults' | 'unprocessedrecords'): string {
    const job = this.job(id);
    if (job.state !== 'JobComplete' && job.state !== 'Failed' && job.state !== 'Aborted') {
      throw new OrgFault(400, 'INVALIDJOBSTATE', `InvalidJobState : job ${id} has not finished`);
    }
    const header = job.columns.join(',');
    if (kind === 'unprocessedrecords') return csvText([header, ...job.unprocessed.map(quotedRow)]);
    const done = job.results.filter((r) => (kind === 'failedResults') === (r.error !== undefined));
    const lead = kind === 'failedResults' ? '"sf__Id","sf__Error"' : '"sf__Id","sf__Created"';
    return csvText([
      header ? `${lead},${header}` : lead,
      ...done.map((r) => quotedRow([r.error === undefined ? r.id : '', r.error ?? 'true', ...r.values])),
    ]);
  }

  delete(id: string): void {
    const job = this.job(id);
    if (!DELETABLE.includes(job.state)) {
      throw new OrgFault(400, 'INVALIDJOBSTATE', `InvalidJobState : a ${job.state} job cannot be deleted`);
    }
    this.jobs.delete(id);
  }

  private job(id: string): IngestJob {
    const job = this.jobs.get(id);
    if (!job) throw new OrgFault(404, 'NOT_FOUND', 'The requested resource does not exist');
    return job;
  }

  /** Runs the insert when the upload is complete; the states then only report it. */
  private process(job: IngestJob): void {
    const lines = job.uploads.flatMap((upload, i) => parseCsv(upload).slice(i === 0 ? 0 : 1));
    const [header = [], ...rows] = lines;
    job.columns = header;
    const unknown = header.find((name) => this.org.fieldName(job.object, name) === undefined);
    if (unknown !== undefined) {
      job.errorMessage = `InvalidBatch : Field name not found : ${unknown}`;
      job.unprocessed = rows;
      return;
    }
    for (const row of rows) {
      const values: Record<string, FieldValue> = {};
      header.forEach((name, i) => {
        const cell = row[i] ?? '';
        // An empty cell leaves the field unset; #N/A sets it to null (Bulk API 2.0, "Prepare CSV Files").
        if (cell === '#N/A') values[name] = null;
        else if (cell !== '') values[name] = cell;
      });
      const echoed = row.map((cell) => (cell === '#N/A' ? '' : cell));
      try {
        const record = this.org.create(job.object, values);
        job.results.push({ id: record.id, values: echoed });
      } catch (error) {
        if (!(error instanceof OrgFault)) throw error;
        job.results.push({
          id: '',
          error: `${error.errorCode}:${error.message}:${(error.fields ?? []).join(',')} --`,
          values: echoed,
        });
      }
    }
  }

  private info(job: IngestJob): Record<string, unknown> {
    const processed = job.results.length;
    const finished = job.state === 'JobComplete' || job.state === 'Failed';
    return {
      id: job.id,
      operation: 'insert',
      object: job.object,
      createdById: '005Dn000001ExAmPLE',
      createdDate: job.createdDate,
      systemModstamp: job.createdDate,
      state: job.state,
      concurrencyMode: 'Parallel',
      contentType: 'CSV',
      apiVersion: Number(API_VERSION),
      jobType: 'V2Ingest',
      contentUrl: `services/data/v${API_VERSION}/jobs/ingest/${job.id}/batches`,
      lineEnding: 'LF',
      columnDelimiter: 'COMMA',
      numberRecordsProcessed: finished ? processed : 0,
      numberRecordsFailed: finished ? job.results.filter((r) => r.error !== undefined).length : 0,
      retries: 0,
      totalProcessingTime: 0,
      apiActiveProcessingTime: 0,
      apexProcessingTime: 0,
      ...(job.state === 'Failed' && job.errorMessage ? { errorMessage: job.errorMessage } : {}),
    };
  }
}

/** RFC 4180 CSV with LF or CRLF line ends, quoted fields and doubled quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

function quotedRow(values: string[]): string {
  return values.map((v) => `"${v.replaceAll('"', '""')}"`).join(',');
}

function csvText(lines: string[]): string {
  return `${lines.join('\n')}\n`;
}
