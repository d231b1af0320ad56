import { JsonFileWriter, readJsonFile } from '../json-file.js';

/** What a package name belongs to: its scope (`@acme`) or, when unscoped, the name itself. */
export interface OwnedUnit {
  kind: 'scope' | 'package';
  id: string;
}

/** Who owns a unit, and whether its owners were configured (reserved) rather than claimed. */
export interface Owners {
  unit: OwnedUnit;
  owners: readonly string[] | undefined;
  reserved: boolean;
}

interface Claim {
  owners: string[];
  since: string;
}

interface OwnershipFile {
  scopes: Record<string, Claim>;
  packages: Record<string, Claim>;
}

/** Case-insensitive: `@MOVA/x` falls in `@mova`, so a case variant can never claim another's scope or name. */
export function ownedUnit(name: string): OwnedUnit {
  const lower = name.toLowerCase();
  if (lower.startsWith('@') && lower.includes('/')) return { kind: 'scope', id: lower.slice(0, lower.indexOf('/')) };
  return { kind: 'package', id: lower };
}

/**
 * Scope and package ownership. Configured (reserved) scopes keep their configured owners; any other
 * scope, and any unscoped name, belongs to whoever first publishes into it, recorded in a JSON file in
 * the data dir so it outlives restarts.
 */
export class Ownership {
  readonly #claims: OwnershipFile;
  readonly #reserved: ReadonlyMap<string, readonly string[]>;
  readonly #writer: JsonFileWriter;

  private constructor(file: string, claims: OwnershipFile, reserved: ReadonlyMap<string, readonly string[]>) {
    this.#writer = new JsonFileWriter(file);
    this.#claims = claims;
    this.#reserved = reserved;
  }

  /** @param reserved scope (`@mova`) → the users who alone may publish into it */
  static async load(file: string, reserved: ReadonlyMap<string, readonly string[]>): Promise<Ownership> {
    const stored = await readJsonFile<Partial<OwnershipFile>>(file, {});
    return new Ownership(file, { scopes: stored.scopes ?? {}, packages: stored.packages ?? {} }, reserved);
  }

  ownersOf(name: string): Owners {
    const unit = ownedUnit(name);
    const reserved = unit.kind === 'scope' ? this.#reserved.get(unit.id) : undefined;
    if (reserved) return { unit, owners: reserved, reserved: true };
    return { unit, owners: this.#table(unit)[unit.id]?.owners, reserved: false };
  }

  /**
   * Makes `user` the owner of the unit `name` falls in, unless someone owns it already. The record
   * changes at once (so of two concurrent first publishes only one wins); the returned promise
   * settles when it is on disk.
   */
  claim(name: string, user: string): Promise<void> {
    const unit = ownedUnit(name);
    const table = this.#table(unit);
    if (this.ownersOf(name).owners) return this.#writer.settled();
    table[unit.id] = { owners: [user], since: new Date().toISOString() };
    return this.#writer.write(this.#claims);
  }

  #table(unit: OwnedUnit): Record<string, Claim> {
    return unit.kind === 'scope' ? this.#claims.scopes : this.#claims.packages;
  }
}
