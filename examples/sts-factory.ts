// One call for every cloud: the factory picks the provider, the request stays the same.
// Errors are typed: bad input is a ValidationError before any network call, a cloud refusal an
// STSRequestError with the cloud's code and request id.
// Run: TENCENT_SECRET_ID=... TENCENT_SECRET_KEY=... npx tsx examples/sts-factory.ts
import { STSRequestError, ValidationError } from '@aury/errors'
import {
  ActionType,
  CachedSTSProvider,
  credentialsToJSON,
  ProviderType,
  STSProviderFactory,
  type STSRequestInput,
} from '@aury/sts'

const provider = new CachedSTSProvider({
  provider: STSProviderFactory.create(ProviderType.TENCENT, {
    secretId: process.env.TENCENT_SECRET_ID ?? '',
    secretKey: process.env.TENCENT_SECRET_KEY ?? '',
    ...(process.env.TENCENT_STS_ENDPOINT && { endpoint: process.env.TENCENT_STS_ENDPOINT }),
  }),
})

const request: STSRequestInput = {
  bucket: process.env.TENCENT_BUCKET ?? 'my-bucket-1250000000',
  region: process.env.TENCENT_REGION ?? 'ap-guangzhou',
  allowPath: 'user/123/',
  actionType: ActionType.READ,
  durationSeconds: 900,
}

const first = await provider.getCredentials(request)
const second = await provider.getCredentials(request) // served from the cache
console.log('cached:', first === second)

// What a server would send to the browser (secrets included, dates as ISO strings):
const body = credentialsToJSON(first)
console.log(Object.keys(body).join(', '))

try {
  await provider.getCredentials({ ...request, allowPath: 'user/../admin/' })
} catch (error) {
  if (error instanceof ValidationError) console.log('rejected before any request:', error.code)
  else if (error instanceof STSRequestError)
    console.log('cloud refused:', error.code, error.requestId)
  else throw error
}
