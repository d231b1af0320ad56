import { Type } from '@mova/sdk';
import { Nullable, NullableTimestamp, Timestamp } from './common.js';
import { User, type UserData, userFrom } from './user.js';

const Asset = Type.Object({
  name: Type.String({ description: 'File name.' }),
  content_type: Type.String({ description: 'Media type, e.g. "application/zip".' }),
  size: Type.Integer({ description: 'Bytes.' }),
  download_count: Type.Integer({ description: 'How often it was downloaded.' }),
  browser_download_url: Type.String({ format: 'uri', description: 'Where to download it.' }),
});

export const Release = Type.Object({
  id: Type.Integer({ description: 'Release id, used by the asset upload and update endpoints.' }),
  tag_name: Type.String({ description: 'Tag the release points at.' }),
  name: Nullable(Type.String(), { description: 'Title of the release.' }),
  body: Nullable(Type.String(), { description: 'Release notes (Markdown).' }),
  draft: Type.Boolean({ description: 'Whether it is an unpublished draft.' }),
  prerelease: Type.Boolean({ description: 'Whether it is marked as a pre-release.' }),
  target_commitish: Type.String({ description: 'Branch or commit the tag was created from.' }),
  html_url: Type.String({ format: 'uri', description: 'Page of the release on GitHub.' }),
  tarball_url: Nullable(Type.String({ format: 'uri' }), { description: 'Source archive (.tar.gz) of the tag.' }),
  zipball_url: Nullable(Type.String({ format: 'uri' }), { description: 'Source archive (.zip) of the tag.' }),
  author: User('Who created the release.'),
  assets: Type.Array(Asset, { description: 'Files attached to the release.' }),
  created_at: Timestamp('When the release was created.'),
  published_at: NullableTimestamp('When it was published; null for a draft.'),
});

export interface ReleaseData {
  id: number;
  tag_name: string;
  name: string | null;
  body?: string | null;
  draft: boolean;
  prerelease: boolean;
  target_commitish: string;
  html_url: string;
  tarball_url: string | null;
  zipball_url: string | null;
  author: UserData;
  assets: Array<{
    name: string;
    content_type: string;
    size: number;
    download_count: number;
    browser_download_url: string;
  }>;
  created_at: string;
  published_at: string | null;
}

export function releaseFrom(release: ReleaseData) {
  return {
    id: release.id,
    tag_name: release.tag_name,
    name: release.name,
    body: release.body ?? null,
    draft: release.draft,
    prerelease: release.prerelease,
    target_commitish: release.target_commitish,
    html_url: release.html_url,
    tarball_url: release.tarball_url,
    zipball_url: release.zipball_url,
    author: userFrom(release.author),
    assets: release.assets.map((asset) => ({
      name: asset.name,
      content_type: asset.content_type,
      size: asset.size,
      download_count: asset.download_count,
      browser_download_url: asset.browser_download_url,
    })),
    created_at: release.created_at,
    published_at: release.published_at,
  };
}
