import 'reflect-metadata';
import { runService } from '@pujiang/http';
import { serveInbox } from '@pujiang/messaging';
import { AppModule } from './app.module';
import { MAX_SPREADSHEET_CHARACTERS } from './fsma/fsma-requests.dto';

// An FSMA 204 answer carries its whole spreadsheet: the JSON body may hold
// MAX_SPREADSHEET_CHARACTERS of it, some escaped (up to 6 bytes each at worst is not
// expected of CSV: quotes and line breaks only).
runService(AppModule, { beforeListen: serveInbox, bodyLimit: 2 * MAX_SPREADSHEET_CHARACTERS });
