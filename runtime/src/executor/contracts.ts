import { contractFor, type Manifest, type ManifestContract } from '@mova/sdk/host';

const contracts = new WeakMap<Manifest, ManifestContract>();

/** The manifest's checks, compiled once per loaded manifest. */
export function contractOf(manifest: Manifest): ManifestContract {
  let contract = contracts.get(manifest);
  if (!contract) {
    contract = contractFor(manifest);
    contracts.set(manifest, contract);
  }
  return contract;
}
