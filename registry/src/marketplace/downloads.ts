import { JsonFileWriter, readJsonFile } from '../json-file.js';

type Counts = Record<string, Record<string, number>>;

// Downloads change on every install; writing the file at most once a second keeps installs fast.
const WRITE_DELAY_MS = 1000;

/** Tarball downloads per package and version, kept in a JSON file in the data dir. */
export class Downloads {
  readonly #counts: Counts;
  readonly #writer: JsonFileWriter;
  #timer: NodeJS.Timeout | undefined;

  private constructor(file: string, counts: Counts) {
    this.#writer = new JsonFileWriter(file);
    this.#counts = counts;
  }

  static async load(file: string): Promise<Downloads> {
    return new Downloads(file, await readJsonFile<Counts>(file, {}));
  }

  count(name: string, version: string): void {
    const versions = this.#counts[name] ?? {};
    versions[version] = (versions[version] ?? 0) + 1;
    this.#counts[name] = versions;
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      void this.#writer.write(this.#counts).catch((error: Error) => {
        process.emitWarning(`could not save download counts: ${error.message}`, 'MovaRegistryWarning');
      });
    }, WRITE_DELAY_MS).unref();
  }

  of(name: string, version?: string): number {
    const versions = this.#counts[name] ?? {};
    if (version !== undefined) return versions[version] ?? 0;
    return Object.values(versions).reduce((sum, n) => sum + n, 0);
  }

  /** Writes pending counts now. */
  async flush(): Promise<void> {
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      await this.#writer.write(this.#counts);
    }
    await this.#writer.settled();
  }
}
