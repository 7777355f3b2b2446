import { AutoComplete, Form, Input, InputNumber, Select } from 'antd';
import { TITLE_LEVEL_LABELS } from '../../../../shared/person.js';
import { optionsOf } from '../../components/activities/labels.js';
import { EDUCATION_LABELS } from './labels.js';

/** The 职称系列 of Hunan's title reviews people most often belong to; any other may be typed. */
const TITLE_SERIES = [
  '卫生',
  '教育',
  '工程',
  '经济',
  '农业',
  '会计',
  '统计',
  '审计',
  '新闻',
  '出版',
  '翻译',
  '律师',
  '档案',
  '图书资料',
  '文物博物',
  '群众文化',
  '艺术',
  '体育',
  '实验技术',
  '科学研究',
];

/** 《登记手册》basic information: title series and level, education and the doctorate year. */
export function PersonBasicsFields() {
  const education = Form.useWatch('education');
  return (
    <>
      <Form.Item name="titleSeries" label="职称系列" rules={[{ max: 50, message: '不超过50个字' }]}>
        <AutoComplete
          aria-label="职称系列"
          options={TITLE_SERIES.map((s) => ({ value: s }))}
          placeholder="如：卫生、教育、工程"
          filterOption={(input, option) => (option?.value ?? '').includes(input)}
        >
          <Input maxLength={50} />
        </AutoComplete>
      </Form.Item>
      <Form.Item name="titleLevel" label="职称级别">
        <Select aria-label="职称级别" allowClear placeholder="请选择" options={optionsOf(TITLE_LEVEL_LABELS)} />
      </Form.Item>
      <Form.Item name="education" label="学历">
        <Select aria-label="学历" allowClear placeholder="请选择" options={optionsOf(EDUCATION_LABELS)} />
      </Form.Item>
      {education === 'doctorate' && (
        <Form.Item
          name="doctorateYear"
          label="博士学位取得年份"
          extra="博士参评副高级职称时，核认年限可能自取得博士学位当年起算"
          rules={[{ type: 'integer', min: 1950, max: 2100, message: '请填写正确的年份' }]}
        >
          <InputNumber aria-label="博士学位取得年份" style={{ width: '100%' }} />
        </Form.Item>
      )}
    </>
  );
}
