import type { ServiceCheck } from './service.js';

/**
 * The local services a MOVA machine runs, with the commands that start each one when it is down.
 * Tests of database and messaging connectors pass these to `ensureService`.
 */
export const localServices = {
  postgres: {
    name: 'PostgreSQL',
    port: 5432,
    start: 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
  },
  mariadb: {
    name: 'MariaDB',
    port: 3306,
    start: 'start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd',
  },
  redis: {
    name: 'Redis',
    port: 6379,
    start:
      'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log',
  },
  rabbitmq: { name: 'RabbitMQ', port: 5672, start: 'rabbitmq-server -detached', timeoutMs: 60_000 },
  mosquitto: { name: 'Mosquitto', port: 1883, start: 'mosquitto -d -c /etc/mosquitto/mosquitto.conf' },
  nats: {
    name: 'NATS',
    port: 4222,
    start:
      'start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server -l /var/log/nats-server.log',
  },
} satisfies Record<string, ServiceCheck>;
