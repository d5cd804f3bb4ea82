//! regorus: the Rego policy `rules/relief.rego`, compiled once to an RVM
//! program (regorus's register virtual machine), one VM per thread. Records
//! are read into regorus values with its own JSON reader.

use crate::{Decision, Engine, Prepared, clause};
use regorus::Value;
use regorus::languages::rego::compiler::Compiler;
use regorus::rvm::program::Program;
use regorus::rvm::vm::RegoVM;
use std::sync::Arc;

const POLICY: &str = include_str!("../rules/relief.rego");
const ENTRY: &str = "data.relief.result";

pub fn program() -> Result<Arc<Program>, String> {
    let mut engine = regorus::Engine::new();
    engine
        .add_policy("relief.rego".to_string(), POLICY.to_string())
        .map_err(|e| e.to_string())?;
    let entry: regorus::Rc<str> = ENTRY.into();
    let compiled = engine
        .compile_with_entrypoint(&entry)
        .map_err(|e| e.to_string())?;
    Compiler::compile_from_policy(&compiled, &[ENTRY]).map_err(|e| e.to_string())
}

pub struct Rego {
    vm: RegoVM,
}

impl Rego {
    pub fn new(program: Arc<Program>) -> Self {
        let mut vm = RegoVM::new();
        vm.load_program(program);
        Rego { vm }
    }
}

fn id_of(input: &Value) -> Result<u64, String> {
    let id = input["编号"].as_i64().map_err(|e| e.to_string())?;
    u64::try_from(id).map_err(|e| e.to_string())
}

impl Engine for Rego {
    fn line(&mut self, line: &str, out: &mut Vec<u8>) -> Result<(), String> {
        let input = Value::from_json_str(line).map_err(|e| e.to_string())?;
        self.decide(&input)?.write(out);
        Ok(())
    }
}

impl Prepared for Rego {
    type Input = Value;

    fn prepare(&self, line: &str) -> Result<Value, String> {
        Value::from_json_str(line).map_err(|e| e.to_string())
    }

    fn decide(&mut self, input: &Value) -> Result<Decision, String> {
        let id = id_of(input)?;
        self.vm.set_input(input.clone());
        let result = self.vm.execute().map_err(|e| e.to_string())?;
        let grant = *result["grant"].as_bool().map_err(|e| e.to_string())?;
        let fen = result["amount"].as_i64().map_err(|e| e.to_string())?;
        let text = result["clause"].as_string().map_err(|e| e.to_string())?;
        Ok(Decision {
            id,
            grant,
            fen,
            clause: clause(text)?,
        })
    }
}
