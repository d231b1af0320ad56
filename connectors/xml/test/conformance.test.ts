import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { actionCalls } from '@mova/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Every action through the sandbox users run it in (a worker thread with no network: the manifest
// allows no host). XML needs no server; the reference is the documents themselves: known
// documents give known JSON, built XML parses back to the JSON it came from, and path selections
// are checked against the elements the documents hold.
let xml: ConnectorUnderTest;

beforeAll(async () => {
  xml = await loadConnector({ dir: new URL('..', import.meta.url) });
});
afterAll(async () => {
  await xml.close();
});

const { run } = actionCalls({ connector: () => xml });

// An Atom feed (RFC 4287's shape): a namespace, attributes, CDATA, entities, one and many entries.
const FEED = `<?xml version="1.0" encoding="utf-8"?>
<!-- exported by a CMS -->
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/">
  <title>Release notes</title>
  <updated>2024-05-01T10:00:00Z</updated>
  <entry id="e1" draft="false">
    <title>Tom &amp; Jerry 1.0</title>
    <link rel="alternate" href="https://example.com/1"/>
    <link rel="enclosure" href="https://example.com/1.zip" length="0042"/>
    <summary><![CDATA[<b>Bold</b> start]]></summary>
    <media:thumbnail url="https://example.com/1.png"/>
    <downloads>1200</downloads>
  </entry>
  <entry id="e2" draft="true">
    <title>2.0 beta</title>
    <link rel="alternate" href="https://example.com/2"/>
    <downloads>7</downloads>
  </entry>
</feed>`;

describe('every example in the manifest', () => {
  it('gives the output it shows', async () => {
    expect(xml.manifest.network).toEqual({ allow: [] });
    for (const action of xml.manifest.actions) {
      for (const example of action.examples) {
        expect(await run(action.key, example.input), `${action.key}: ${example.title}`).toEqual(example.output);
      }
    }
  });
});

describe('parse', () => {
  it('maps attributes, text beside attributes, CDATA, entities and repeated elements', async () => {
    const { data, root } = await run('parse', { xml: FEED });
    expect(root).toBe('feed');
    expect(data).toEqual({
      feed: {
        '@xmlns': 'http://www.w3.org/2005/Atom',
        '@xmlns:media': 'http://search.yahoo.com/mrss/',
        title: 'Release notes',
        updated: '2024-05-01T10:00:00Z',
        entry: [
          {
            '@id': 'e1',
            '@draft': 'false',
            title: 'Tom & Jerry 1.0',
            link: [
              { '@rel': 'alternate', '@href': 'https://example.com/1' },
              { '@rel': 'enclosure', '@href': 'https://example.com/1.zip', '@length': '0042' },
            ],
            summary: '<b>Bold</b> start',
            'media:thumbnail': { '@url': 'https://example.com/1.png' },
            downloads: '1200',
          },
          {
            '@id': 'e2',
            '@draft': 'true',
            title: '2.0 beta',
            link: { '@rel': 'alternate', '@href': 'https://example.com/2' },
            downloads: '7',
          },
        ],
      },
    });
  });

  it('makes named paths arrays, types values, drops prefixes and attributes on request', async () => {
    const { data } = await run('parse', {
      xml: FEED,
      arrays: ['feed/entry/link', '/feed/title'],
      parseValues: true,
      removeNamespacePrefixes: true,
      attributePrefix: '_',
    });
    const feed = (data as { feed: { title: unknown; entry: Record<string, unknown>[] } }).feed;
    expect(feed.title).toEqual(['Release notes']);
    expect(feed.entry[1]).toMatchObject({
      _draft: true,
      link: [{ _rel: 'alternate', _href: 'https://example.com/2' }],
      downloads: 7,
    });
    // Leading zeros stay text; the media: prefix is gone.
    expect(feed.entry[0]).toMatchObject({
      downloads: 1200,
      thumbnail: { _url: 'https://example.com/1.png' },
      link: [{ _rel: 'alternate' }, { _length: '0042' }],
    });

    const bare = await run('parse', { xml: '<a x="1"><b y="2">t</b></a>', attributes: false });
    expect(bare.data).toEqual({ a: { b: 't' } });
    const everyArray = await run('parse', { xml: '<a><b>t</b></a>', alwaysArray: true });
    expect(everyArray.data).toEqual({ a: [{ b: ['t'] }] });
  });

  it('keeps text as written with trim off, and reads base64 bytes', async () => {
    expect((await run('parse', { xml: '<a>  padded  </a>', trim: false })).data).toEqual({ a: '  padded  ' });
    const contentBase64 = Buffer.from('<città nome="Köln">Zoë</città>', 'utf8').toString('base64');
    expect((await run('parse', { contentBase64 })).data).toEqual({ città: { '@nome': 'Köln', '#text': 'Zoë' } });
  });

  it('fails malformed XML as invalid input naming the line and column', async () => {
    const result = await xml.run('parse', { xml: '<a>\n  <b>\n</a>' });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(result.error?.message).toMatch(/closing tag 'b'.*line 3, column 1/);
    expect(await xml.run('parse', { contentBase64: '<a/> is not base64' })).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input' },
    });
    expect(await xml.run('parse', { xml: '<a/>', contentBase64: 'PGEvPg==' })).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input' },
    });
  });

  it('expands simple internal entities only: no entity bomb, no external entities (XXE)', async () => {
    expect((await run('parse', { xml: '<!DOCTYPE x [<!ENTITY co "ACME Ltd">]><x>&co; &lt;3</x>' })).data).toEqual({
      x: 'ACME Ltd <3',
    });
    // Entities built from entities are left as written, so a "billion laughs" stays small.
    const bomb = `<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><x>&c;&c;&c;</x>`;
    expect((await run('parse', { xml: bomb })).data).toEqual({ x: '&c;&c;&c;' });
    const xxe = await xml.run('parse', { xml: '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>' });
    expect(xxe).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(xxe.error?.message).toMatch(/External entities are not supported/);
  });
});

describe('build', () => {
  it('writes XML that parses back to the same JSON', async () => {
    const data = {
      invoice: {
        '@number': 'INV-7',
        '@currency': 'EUR',
        customer: { name: 'Müller & Söhne <GmbH>', '@vat': 'DE123' },
        line: [
          { sku: 'A-1', qty: '2', note: 'fragile "glass"' },
          { sku: 'B-2', qty: '1', note: '' },
        ],
        total: { '@tax': 'incl', '#text': '42.50' },
      },
    };
    const built = await run('build', { data, pretty: true });
    const text = String(built.xml);
    expect(
      text.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<invoice number="INV-7" currency="EUR">\n  <customer vat="DE123">',
      ),
    ).toBe(true);
    expect(text).toContain('<name>Müller &amp; Söhne &lt;GmbH&gt;</name>');
    expect(text).toContain('<note/>');
    expect(Buffer.from(String(built.contentBase64), 'base64').toString('utf8')).toBe(text);
    expect(await run('validate', { xml: text })).toEqual({ valid: true, error: null });
    expect((await run('parse', { xml: text })).data).toEqual(data);
  });

  it('wraps data in a root element, and writes no declaration on request', async () => {
    expect(
      await run('build', {
        data: { a: 1, b: [true, false] },
        rootName: 'flags',
        declaration: false,
        selfClosing: false,
      }),
    ).toMatchObject({ xml: '<flags><a>1</a><b>true</b><b>false</b></flags>' });
  });

  it('refuses data that has no single root', async () => {
    const result = await xml.run('build', { data: { a: 1, b: 2 } });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(result.error?.hint).toMatch(/rootName/);
  });
});

describe('select', () => {
  const select = async (path: string, extra: Record<string, unknown> = {}) =>
    run('select', { xml: FEED, path, ...extra });

  it('selects elements, attributes and text along a path', async () => {
    expect(await select('feed/entry/title')).toEqual({
      matches: ['Tom & Jerry 1.0', '2.0 beta'],
      count: 2,
      first: 'Tom & Jerry 1.0',
    });
    expect((await select('/feed/entry/@id')).matches).toEqual(['e1', 'e2']);
    expect((await select('feed/entry/link/@href')).matches).toEqual([
      'https://example.com/1',
      'https://example.com/1.zip',
      'https://example.com/2',
    ]);
    expect((await select('feed/entry/summary/text()')).matches).toEqual(['<b>Bold</b> start']);
    expect((await select('feed/entry/media:thumbnail/@url')).matches).toEqual(['https://example.com/1.png']);
    expect((await select('feed/entry/thumbnail/@url', { removeNamespacePrefixes: true })).matches).toEqual([
      'https://example.com/1.png',
    ]);
  });

  it('counts indexes from 0 under each parent, and from the end when negative', async () => {
    expect((await select('feed/entry[0]/@id')).matches).toEqual(['e1']);
    expect((await select('feed/entry[-1]/@id')).matches).toEqual(['e2']);
    // [0] applies per parent: the first link of each entry.
    expect((await select('feed/entry/link[0]/@rel')).matches).toEqual(['alternate', 'alternate']);
    expect(await select('feed/entry[5]')).toEqual({ matches: [], count: 0, first: null });
  });

  it('filters by attribute value and returns elements shaped like parse', async () => {
    expect((await select('feed/entry[@draft="true"]/title')).matches).toEqual(['2.0 beta']);
    expect((await select("feed/entry/link[@rel='enclosure']")).first).toEqual({
      '@rel': 'enclosure',
      '@href': 'https://example.com/1.zip',
      '@length': '0042',
    });
    const entry = (await select('feed/entry[@id="e2"]', { parseValues: true })).first;
    expect(entry).toEqual({
      '@id': 'e2',
      '@draft': true,
      title: '2.0 beta',
      link: { '@rel': 'alternate', '@href': 'https://example.com/2' },
      downloads: 7,
    });
  });

  it('takes * for any element', async () => {
    expect((await select('feed/*')).count).toBe(4);
    expect((await select('feed/entry[1]/*')).matches).toEqual([
      '2.0 beta',
      { '@rel': 'alternate', '@href': 'https://example.com/2' },
      '7',
    ]);
  });

  it('refuses what the subset does not cover, saying so', async () => {
    for (const path of ['//title', 'feed/entry[position()=1]', 'feed/@id/title', 'feed/text()/x', 'feed//entry']) {
      const result = await xml.run('select', { xml: FEED, path });
      expect(result, path).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
      expect(result.error?.hint, path).toMatch(/0-based/);
    }
  });
});

describe('validate', () => {
  it('reports the first problem with its position, without failing', async () => {
    expect(await run('validate', { xml: FEED })).toEqual({ valid: true, error: null });
    expect(await run('validate', { xml: '<a href=x/>' })).toMatchObject({
      valid: false,
      error: { code: 'InvalidAttr', line: 1 },
    });
    expect(await run('validate', { xml: '<a></a><b></b>' })).toMatchObject({ valid: false, error: { line: 1 } });
    expect(await run('validate', { contentBase64: Buffer.from('<ok/>').toString('base64') })).toEqual({
      valid: true,
      error: null,
    });
  });
});
