// A spare sandbox is started before its connector is known and holds nothing until the host binds
// it: the first message it takes is its one connector's spec, and it never takes another.
export function awaitBind(send, onceMessage) {
  const bound = new Promise((resolve, reject) =>
    onceMessage((message) =>
      message?.type === 'bind'
        ? resolve(message.spec)
        : reject(new Error('a spare sandbox got a call before its bind')),
    ),
  );
  send({ type: 'idle' });
  return bound;
}
