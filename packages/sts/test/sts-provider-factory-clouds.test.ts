import { type FakeAliyunSTS, startFakeAliyunSTS } from '@aury/testkit/fake-aliyun-sts'
import { type FakeAwsSTS, startFakeAwsSTS } from '@aury/testkit/fake-aws-sts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ActionType,
  AliyunSTSProvider,
  AwsSTSProvider,
  ProviderType,
  STSProviderFactory,
} from '../src/index'

const AWS_KEY = 'AKIAFACTORYTEST00001'
const AWS_SECRET = 'factory-aws-secret-0123456789abcdefghij'
const ALIYUN_KEY = 'LTAI5tFactoryTestKey'
const ALIYUN_SECRET = 'factory-aliyun-secret-0123456789'

let aws: FakeAwsSTS
let aliyun: FakeAliyunSTS
beforeAll(async () => {
  aws = await startFakeAwsSTS({ keys: { [AWS_KEY]: AWS_SECRET } })
  aliyun = await startFakeAliyunSTS({ keys: { [ALIYUN_KEY]: ALIYUN_SECRET } })
})
afterAll(async () => {
  await aws.close()
  await aliyun.close()
})

describe('STSProviderFactory registers every cloud', () => {
  it('creates the AWS provider and issues credentials through AssumeRole', async () => {
    const provider = STSProviderFactory.create(ProviderType.AWS, {
      accessKeyId: AWS_KEY,
      secretAccessKey: AWS_SECRET,
      region: 'us-east-1',
      roleArn: 'arn:aws:iam::123456789012:role/uploader',
      endpoint: aws.endpoint,
    })
    expect(provider).toBeInstanceOf(AwsSTSProvider)
    const credentials = await provider.getCredentials({
      bucket: 'photos',
      region: 'us-east-1',
      allowPath: 'user/123/',
      actionType: ActionType.WRITE,
    })
    expect(credentials.provider).toBe('aws')
    expect(credentials.sessionToken).toBe(aws.lastIssued?.sessionToken)
    expect(aws.requests.at(-1)?.signatureValid).toBe(true)
  })

  it('creates the Aliyun provider and issues credentials through AssumeRole', async () => {
    const provider = STSProviderFactory.create(ProviderType.ALIYUN, {
      accessKeyId: ALIYUN_KEY,
      accessKeySecret: ALIYUN_SECRET,
      roleArn: 'acs:ram::1234567890123456:role/oss-uploader',
      endpoint: aliyun.endpoint,
    })
    expect(provider).toBeInstanceOf(AliyunSTSProvider)
    const credentials = await provider.getCredentials({
      bucket: 'photos',
      region: 'cn-hangzhou',
      allowPath: 'user/123/',
    })
    expect(credentials.provider).toBe('aliyun')
    expect(credentials.sessionToken).toBe(aliyun.lastIssued?.securityToken)
    expect(aliyun.requests.at(-1)?.signatureValid).toBe(true)
  })

  it('refuses an Aliyun provider without roleArn before any request', () => {
    const before = aliyun.requests.length
    expect(() =>
      STSProviderFactory.create(ProviderType.ALIYUN, {
        accessKeyId: ALIYUN_KEY,
        accessKeySecret: ALIYUN_SECRET,
      } as never),
    ).toThrowError(expect.objectContaining({ code: 'InvalidConfig' }))
    expect(aliyun.requests.length).toBe(before)
  })
})
