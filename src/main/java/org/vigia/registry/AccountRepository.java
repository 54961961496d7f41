package org.vigia.registry;

import java.util.Optional;

import org.springframework.data.repository.Repository;
import org.vigia.platform.Platform;

interface AccountRepository extends Repository<Account, Long> {

	Account save(Account account);

	Optional<Account> findById(Long id);

	Optional<Account> findByPlatformAndHandle(Platform platform, String handle);

}
