// Piscina's task for the same no-op call: returns what an action result would carry.
export default function noop(message) {
  return { type: 'result', id: message.id, ok: true, output: message.input };
}
