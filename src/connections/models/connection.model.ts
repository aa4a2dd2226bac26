import { ObjectType } from '@nestjs/graphql';
import { PageOf } from '../../common/models/page.model';
import { Out } from '../../common/validation/fields';

@ObjectType({ description: "Live status of a connection, from the platform's own status call." })
export class ConnectionStatus {
  @Out.boolean({ description: 'Whether the status call succeeded.', example: true })
  reachable: boolean;

  @Out.string({ description: 'Status as the platform words it (e.g. Maxbot "Active").', nullable: true, example: 'Active' })
  state: string | null;

  @Out.date({ description: 'When the platform API was activated.', nullable: true, example: '2020-08-22' })
  activeSince: string | null;

  @Out.dateTime({ description: 'Last API execution the platform recorded.', nullable: true, example: '2020-08-29T21:21:32-03:00' })
  lastExecutionAt: string | null;

  @Out.string({ description: 'Last operation the platform recorded.', nullable: true, example: 'Sound Shooting' })
  lastOperation: string | null;

  @Out.string({ description: 'Why the status could not be read, when it could not.', nullable: true, example: null })
  error: string | null;

  @Out.dateTime({ description: "When Ponte asked, in the connection's offset.", example: '2026-11-21T07:00:00.000-03:00' })
  checkedAt: string;
}

@ObjectType({ description: 'A configured platform account and what Ponte can do with it.' })
export class Connection {
  @Out.id({ description: 'Connection id (use it in X-Connection).', example: 'maxbot' })
  id: string;

  @Out.string({ description: 'Platform.', example: 'maxbot' })
  platform: string;

  @Out.boolean({ description: 'Preferred when a request names no connection.', example: true })
  isDefault: boolean;

  @Out.string({ description: 'Timezone of the platform account (offset of returned datetimes).', example: 'America/Sao_Paulo' })
  timezone: string;

  @Out.stringList({ description: 'Operations this connection supports.', example: ['listContacts', 'createContact'] })
  operations: string[];

  @Out.string({
    description:
      'Path of the webhook URL to configure on the platform (add `?secret=<webhookSecret>`); null when the connection ' +
      'accepts no webhooks (its platform documents none, or it has no webhookSecret).',
    nullable: true,
    example: '/v1/webhooks/maxbot',
  })
  webhookPath: string | null;

  @Out.object(() => ConnectionStatus, {
    description: 'Live status, for platforms with a status call (null otherwise, or when status=false).',
    nullable: true,
  })
  status: ConnectionStatus | null;
}

@ObjectType({ description: 'A page of connections.' })
export class ConnectionPage extends PageOf(Connection) {}
