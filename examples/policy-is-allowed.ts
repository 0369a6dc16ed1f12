// Offline check of what a policy allows: build the CAM policy a Tencent credential would carry,
// then ask whether it permits an action on an object. Run: npx tsx examples/policy-is-allowed.ts
import { buildTencentPolicy, isAllowed } from '@aury/policy'

const policy = buildTencentPolicy({
  bucket: 'my-bucket-1250000000',
  region: 'ap-guangzhou',
  allowPath: 'user/123/',
  actionType: 'write',
})
const resource = (key: string) => `qcs::cos:ap-guangzhou:uid/1250000000:my-bucket-1250000000/${key}`

const inside = isAllowed(policy, 'cos:PutObject', resource('user/123/a.jpg'))
const sibling = isAllowed(policy, 'cos:PutObject', resource('user/1234/a.jpg'))
const read = isAllowed(policy, 'cos:GetObject', resource('user/123/a.jpg'))
console.log({ inside, sibling, read })
if (!inside || sibling || read) throw new Error('unexpected policy decision')
