import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'pujiang:public-route';

/**
 * A route anyone may call without a token (consumer page, QR code,
 * verification): rate limited per client address instead of per party.
 */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);
