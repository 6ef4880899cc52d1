/**
 * The staff and public-statistics texts load with their subpackages in the app (src/staff/texts.ts,
 * src/public/texts.ts); tests that look for those words on a page (`translate('zh-CN', 'staff.queue.title')`) need them
 * in the catalogue from the start. A jest setup file of the node projects.
 */
import '../../src/staff/texts'
import '../../src/public/texts'
import '../../src/petition/texts'
